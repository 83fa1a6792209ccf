using System.Net;
using Dashboard.Tests.Web;

namespace Dashboard.Tests.Security;

/// <summary>Form posts without the antiforgery token are refused, so another site cannot sign people in or out.</summary>
public sealed class AntiforgeryTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task SignInPost_WithoutToken_IsRefused_AndSignsNobodyIn()
    {
        using var client = factory.CreateAnonymous();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "demo-admin", ["returnUrl"] = "/" });

        using var response = await client.PostAsync(new Uri("/account/dev-login", UriKind.Relative), form);
        using var page = await client.GetAsync(new Uri("/customers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(SignedInClient.LoginPath, page.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task SignOutPost_WithoutToken_IsRefused_AndTheUserStaysSignedIn()
    {
        using var client = await factory.CreateSignedInAsync("demo-sales");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" });

        using var response = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), form);
        using var page = await client.GetAsync(new Uri("/customers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task SignOutPost_WithTheToken_SignsOut()
    {
        using var client = await factory.CreateSignedInAsync("demo-sales");
        var token = await client.AntiforgeryTokenAsync("/customers");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["returnUrl"] = "/" });

        using var response = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), form);
        using var page = await client.GetAsync(new Uri("/customers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }
}
