using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Web;

/// <summary>Which sign-in the app starts with, and that Production never starts without a real one.</summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public async Task Production_WithoutEntraId_RefusesToStart()
    {
        await using var factory = new DashboardWebFactory { Environment = Environments.Production };

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.StartsWith("Sign-in is not configured", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task WithEntraIdConfigured_PagesChallengeThroughOpenIdConnect(string environment)
    {
        await using var factory = EntraIdApp.Create(environment);

        var schemes = factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Equal(OpenIdConnectDefaults.AuthenticationScheme, (await schemes.GetDefaultChallengeSchemeAsync())?.Name);
        Assert.NotNull(await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme));
    }

    [Fact]
    public async Task WithEntraIdConfigured_OpenIdConnectUsesTheConfiguredTenantAndClient()
    {
        await using var factory = EntraIdApp.Create(Environments.Development);

        var options = factory.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);

        Assert.Equal(EntraIdApp.ClientId, options.ClientId);
        Assert.StartsWith($"https://login.microsoftonline.com/{EntraIdApp.TenantId}", options.Authority, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("roles", options.TokenValidationParameters.RoleClaimType);
    }
}
