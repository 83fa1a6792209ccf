using Dashboard.Tests.Web;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.SignIn;

/// <summary>A plain-http authority (the loopback test provider) is accepted only outside Production.</summary>
public sealed class EntraAuthorityConfigurationTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5999/", null)]
    [InlineData("https://login.microsoftonline.com/", "false")]
    public async Task Production_WithAnHttpAuthority_RefusesToStart(string instance, string? requireHttpsMetadata)
    {
        await using var factory = EntraIdApp.Create(Environments.Production)
            .WithSetting("AzureAd:Instance", instance)
            .WithSetting("AzureAd:RequireHttpsMetadata", requireHttpsMetadata);

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.StartsWith("In Production the Entra ID authority must be https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_WithAnHttpLoopbackAuthority_StartsWithoutTheHttpsMetadataCheck()
    {
        await using var factory = EntraIdApp.Create(Environments.Development)
            .WithSetting("AzureAd:Instance", "http://127.0.0.1:5999/")
            .WithSetting("AzureAd:RequireHttpsMetadata", "false");

        var options = factory.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);

        Assert.False(options.RequireHttpsMetadata);
        Assert.Contains($"http://127.0.0.1:5999/{EntraIdApp.TenantId}/v2.0", options.TokenValidationParameters.ValidIssuers!);
    }

    [Fact]
    public async Task Production_WithEntraId_KeepsTheHttpsCheck_AndSendsRefusedPeopleToTheAppsOwnPages()
    {
        await using var factory = EntraIdApp.Create(Environments.Production);

        var oidc = factory.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        var cookie = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);

        Assert.True(oidc.RequireHttpsMetadata);
        Assert.False(oidc.MapInboundClaims);
        Assert.Equal("/account/denied", cookie.AccessDeniedPath);
    }
}
