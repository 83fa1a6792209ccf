using System.Net;
using System.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Web;

/// <summary>Sign-in through Entra ID: where visitors are sent, and where they come back to afterwards.</summary>
public sealed class EntraSignInTests : IAsyncLifetime
{
    private readonly DashboardWebFactory _factory = EntraIdApp.Create(Environments.Development);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AnonymousVisitor_IsRedirectedToTheTenantsSignInPage()
    {
        using var client = _factory.CreateAnonymous();

        using var response = await client.GetAsync("/customers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(EntraIdApp.AuthorizeEndpoint, location.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(EntraIdApp.ClientId, query["client_id"]);
        Assert.Equal("http://localhost/signin-oidc", query["redirect_uri"]);
        Assert.Contains("openid", query["scope"], StringComparison.Ordinal);
        Assert.Equal("/customers", ReturnUrlIn(location));
    }

    [Fact]
    public async Task TheDemoSignIn_IsNotOffered()
    {
        using var client = _factory.CreateAnonymous();
        using var loginPage = await client.GetAsync("/account/login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "demo-admin", ["returnUrl"] = "/customers" });

        using var response = await client.PostAsync("/account/dev-login", form);

        // The login page hands over to Entra ID, and the demo endpoint does not exist: the visitor stays anonymous.
        Assert.Equal(HttpStatusCode.Redirect, loginPage.StatusCode);
        Assert.Equal("/account/signin", new Uri(new Uri("http://localhost"), loginPage.Headers.Location!).AbsolutePath);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("dashboard.auth", StringComparison.Ordinal)));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal(EntraIdApp.AuthorizeEndpoint, response.Headers.Location!.GetLeftPart(UriPartial.Path));
        }
    }

    [Theory]
    [InlineData("/customers?stage=Active", "/customers?stage=Active")]
    [InlineData("//evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    public async Task SignInLink_ComesBackOnlyToALocalPage(string returnUrl, string expected)
    {
        using var client = _factory.CreateAnonymous();

        using var response = await client.GetAsync($"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, ReturnUrlIn(response.Headers.Location!));
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\n/evil.example")]
    public async Task SignInLink_WithControlCharactersSmuggledIn_ComesBackToTheHomePage(string returnUrl)
    {
        using var client = _factory.CreateAnonymous();

        using var response = await client.GetAsync($"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", ReturnUrlIn(response.Headers.Location!));
    }

    /// <summary>Where the OpenID Connect handler will send the user after sign-in: the RedirectUri inside the protected state.</summary>
    private string? ReturnUrlIn(Uri authorizeRedirect)
    {
        var state = HttpUtility.ParseQueryString(authorizeRedirect.Query)["state"];
        Assert.False(string.IsNullOrEmpty(state), "The challenge carries no state.");
        var options = _factory.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);
        AuthenticationProperties? properties = options.StateDataFormat.Unprotect(state);
        Assert.NotNull(properties);
        return properties.RedirectUri;
    }
}
