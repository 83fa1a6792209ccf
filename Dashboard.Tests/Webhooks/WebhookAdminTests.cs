using System.Net;
using Dashboard.Domain.Common;
using Dashboard.Domain.Webhooks;
using Dashboard.Tests.Support;

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
