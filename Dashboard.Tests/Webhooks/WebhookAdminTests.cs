using System.Net;
using Dashboard.Domain.Common;
using Dashboard.Domain.Webhooks;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Webhooks;

/// <summary>Only Admins configure webhooks; bad URLs change nothing; the secret is shown once; every change is audited.</summary>
public sealed class WebhookAdminTests : WebhookTest
{
    [Theory]
    [InlineData("")]
    [InlineData("hooks/cards")]
    [InlineData("ftp://example.com/hooks")]
    [InlineData("https://user:password@example.com/hooks")]
    [InlineData("javascript:alert(1)")]
    public async Task AUrlThatIsNotAnAbsoluteHttpUrl_IsRefused_AndNothingIsRegistered(string url)
    {
        var result = await Webhooks.RegisterAsync(Actors.Admin, new WebhookEndpointDraft { Url = url });

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal(nameof(WebhookEndpointDraft.Url), Assert.Single(result.Errors).Field);
        Assert.Empty(await Webhooks.ListEndpointsAsync(Actors.Admin));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://10.0.0.1/admin")]
    [InlineData("http://localhost:5211/api/v1/cards")]
    [InlineData("http://2130706433:5211/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://0177.0.0.1/")]
    [InlineData("http://127.1/")]
    [InlineData("http://127.0.0.1./")]
    [InlineData("http://①②⑦.0.0.1/")]
    [InlineData("http://[::1]:8080/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/")]
    [InlineData("http://[fe80::1%25eth0]/")]
    [InlineData("https://[fc00::1]/hooks")]
    [InlineData("http://app.localhost/")]
    [InlineData("http://LOCALHOST./")]
    [InlineData("http://0.0.0.0:5211/")]
    [InlineData("http://172.16.5.4/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://100.100.100.200/latest/meta-data/")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    public async Task AUrlToAnInternalAddress_IsRefused_WithAMessageOnTheUrl(string url)
    {
        var result = await Webhooks.RegisterAsync(Actors.Admin, new WebhookEndpointDraft { Url = url });

        Assert.Equal(CommandStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal((nameof(WebhookEndpointDraft.Url), "webhook.url-internal"), (error.Field, error.Code));
        Assert.Contains("address", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Webhooks.ListEndpointsAsync(Actors.Admin));
    }

    [Theory]
    [InlineData("https://8.8.8.8/hooks")]
    [InlineData("https://hooks.example.com/cards")]
    [InlineData("http://intranet/hooks")]
    public async Task APublicAddressOrAHostName_IsRegistered_NamesAreCheckedAtDelivery(string url)
    {
        var result = await Webhooks.RegisterAsync(Actors.Admin, new WebhookEndpointDraft { Url = url });

        Assert.True(result.Succeeded, TestDashboard.Describe(result));
    }

    [Fact]
    public async Task AnEndpointWithoutEvents_IsRefused()
    {
        var result = await Webhooks.RegisterAsync(Actors.Admin, new WebhookEndpointDraft { Url = "https://example.com/hooks", Events = WebhookEvents.None });

        Assert.Equal(nameof(WebhookEndpointDraft.Events), Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("TeamLead")]
    [InlineData("SalesManager")]
    [InlineData("Auditor")]
    public async Task OnlyAdminsConfigureWebhooks(string role)
    {
        var endpoint = await RegisterAsync();
        var actor = role switch { "TeamLead" => Actors.TeamLeadEast, "SalesManager" => Actors.SalesManager, _ => Actors.Auditor };

        Assert.Equal(CommandStatus.Forbidden, (await Webhooks.RegisterAsync(actor, new WebhookEndpointDraft { Url = "https://example.com/x" })).Status);
        Assert.Equal(CommandStatus.Forbidden, (await Webhooks.SetActiveAsync(actor, endpoint.EndpointId, false)).Status);
        Assert.Equal(CommandStatus.Forbidden, (await Webhooks.DeleteAsync(actor, endpoint.EndpointId)).Status);
        Assert.Equal(CommandStatus.Forbidden, (await Webhooks.RotateSecretAsync(actor, endpoint.EndpointId)).Status);
        Assert.Empty(await Webhooks.ListEndpointsAsync(actor));
        Assert.Single(await Webhooks.ListEndpointsAsync(Actors.Admin), e => e.IsActive);
    }

    [Fact]
    public async Task TheSecret_IsReturnedAtRegistrationAndRotation_AndRotationReplacesIt()
    {
        var endpoint = await RegisterAsync();

        var rotated = await Webhooks.RotateSecretAsync(Actors.Admin, endpoint.EndpointId);

        Assert.StartsWith("whsec_", endpoint.Secret, StringComparison.Ordinal);
        Assert.True(endpoint.Secret.Length >= 40);
        Assert.NotEqual(endpoint.Secret, rotated.Value!.Secret);
        Assert.NotNull(Assert.Single(await Webhooks.ListEndpointsAsync(Actors.Admin)).SecretRotatedAt);
    }

    [Fact]
    public async Task RegistrationAndEveryChange_AreAudited_WithoutTheSecret()
    {
        var endpoint = await RegisterAsync();
        await Webhooks.SetActiveAsync(Actors.Admin, endpoint.EndpointId, false);
        await Webhooks.SetActiveAsync(Actors.Admin, endpoint.EndpointId, true);
        await Webhooks.RotateSecretAsync(Actors.Admin, endpoint.EndpointId);
        await Webhooks.SendTestAsync(Actors.Admin, endpoint.EndpointId);
        await Webhooks.DeleteAsync(Actors.Admin, endpoint.EndpointId);

        var trail = (await App.AuditTrailAsync(endpoint.EndpointId.ToString())).Select(e => e.Action).Reverse();

        Assert.Equal(
            [WebhookService.RegisteredAction, WebhookService.PausedAction, WebhookService.ResumedAction, WebhookService.SecretRotatedAction, WebhookService.TestSentAction, WebhookService.DeletedAction],
            trail);
        Assert.DoesNotContain(await App.AuditTrailAsync(), e => (e.Summary ?? string.Empty).Contains(endpoint.Secret, StringComparison.Ordinal));
    }
}

/// <summary>An operator lists on-premises receivers in Dashboard:Webhooks:AllowedInternalHosts; only those may be registered.</summary>
public sealed class WebhookAllowedInternalHostsTests : WebhookTest
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<WebhookOptions>(o => o.AllowedInternalHosts = ["10.20.0.0/16", "hooks.corp.example", "localhost", "169.254.0.0/16"]);

    [Theory]
    [InlineData("http://10.20.1.5:8080/hooks")]
    [InlineData("http://localhost:9000/hooks")]
    [InlineData("https://hooks.corp.example/cards")]
    [InlineData("http://169.254.10.10/hooks")]
    public async Task AListedReceiver_IsRegistered(string url)
    {
        var result = await Webhooks.RegisterAsync(Actors.Admin, new WebhookEndpointDraft { Url = url });

        Assert.True(result.Succeeded, TestDashboard.Describe(result));
    }

    [Theory]
    [InlineData("http://10.30.0.1/hooks")]
    [InlineData("http://127.0.0.1:9000/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task AnInternalAddressNotListed_OrAMetadataAddress_IsStillRefused(string url)
    {
        var result = await Webhooks.RegisterAsync(Actors.Admin, new WebhookEndpointDraft { Url = url });

        Assert.Equal("webhook.url-internal", Assert.Single(result.Errors).Code);
    }
}

/// <summary>The webhook pages are for Admins only.</summary>
public sealed class WebhookPageAccessTests(Dashboard.Tests.Web.DashboardWebFactory factory) : IClassFixture<Dashboard.Tests.Web.DashboardWebFactory>
{
    [Theory]
    [InlineData("/admin/webhooks", "Register an endpoint")]
    [InlineData("/admin/webhooks/deliveries", "Webhook deliveries")]
    public async Task AnAdmin_SeesTheWebhookPages(string path, string text)
    {
        using var client = await Dashboard.Tests.Web.SignedInClient.CreateSignedInAsync(factory, "demo-admin");

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(text, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo-teamlead")]
    [InlineData("demo-salesmanager")]
    public async Task OthersDoNotSeeThem(string user)
    {
        using var client = await Dashboard.Tests.Web.SignedInClient.CreateSignedInAsync(factory, user);

        using var response = await client.GetAsync("/admin/webhooks");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.DoesNotContain("Register an endpoint", html, StringComparison.Ordinal);
    }
}
