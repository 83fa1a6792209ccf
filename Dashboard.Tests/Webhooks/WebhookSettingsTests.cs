using Dashboard.Domain.Webhooks;
using Dashboard.Tests.Web;
using Dashboard.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Webhooks;

/// <summary>The retry schedule comes from Dashboard:Webhooks; settings that cannot work stop the app at start.</summary>
public sealed class WebhookSettingsTests
{
    [Fact]
    public void TheDefaultBackoff_DoublesFromThirtySecondsUpToAnHour()
    {
        var options = new WebhookOptions();

        var waits = Enumerable.Range(1, 9).Select(options.BackoffAfter).Select(w => w.TotalMinutes);

        Assert.Equal([0.5, 1, 2, 4, 8, 16, 32, 60, 60], waits);
    }

    [Fact]
    public async Task TheSettingsAreReadFromConfiguration()
    {
        await using var app = new DashboardWebFactory()
            .WithSetting("Dashboard:Webhooks:BackoffBase", "00:00:05")
            .WithSetting("Dashboard:Webhooks:MaxAttempts", "3")
            .WithSetting("Dashboard:Webhooks:AllowedInternalHosts:0", "10.20.0.0/16")
            .WithSetting("Dashboard:Webhooks:AllowedInternalHosts:1", "hooks.corp.example");

        var options = app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(5), 3), (options.BackoffBase, options.MaxAttempts));
        Assert.Equal(["10.20.0.0/16", "hooks.corp.example"], options.AllowedInternalHosts);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheAppsSender_CallsALoopbackReceiver_OnlyWhenItIsListed(bool listed)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var factory = new DashboardWebFactory();
        await using var app = listed ? factory.WithSetting("Dashboard:Webhooks:AllowedInternalHosts:0", WebhookReceiver.Address) : factory;
        var dispatch = new WebhookDispatch(Guid.NewGuid(), Guid.NewGuid(), WebhookEventNames.Test, receiver.Url.ToString(), "whsec_test", "{}");

        var outcome = await app.Services.GetRequiredService<WebhookSender>().SendAsync(dispatch, CancellationToken.None);

        Assert.Equal(listed ? 200 : null, outcome.StatusCode);
        Assert.Equal(listed ? 1 : 0, receiver.Received.Count);
        Assert.Equal(listed, outcome.Error is null);
    }

    [Theory]
    [InlineData("Dashboard:Webhooks:BackoffBase", "00:00:00")]
    [InlineData("Dashboard:Webhooks:MaxAttempts", "0")]
    [InlineData("Dashboard:Webhooks:Timeout", "-00:00:01")]
    [InlineData("Dashboard:Webhooks:AllowedInternalHosts:0", "10.0.0.0/33")]
    [InlineData("Dashboard:Webhooks:AllowedInternalHosts:0", "http://hooks.corp.example/")]
    public async Task SettingsThatCannotWork_StopTheAppAtStart(string key, string value)
    {
        await using var app = new DashboardWebFactory().WithSetting(key, value);

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Dashboard:Webhooks", error.Message, StringComparison.Ordinal);
    }
}
