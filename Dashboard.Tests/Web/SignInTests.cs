using System.Net;
using Dashboard.Domain.DemoData;

namespace Dashboard.Tests.Web;

/// <summary>The development sign-in as a browser without JavaScript meets it: redirects, cookies and forms.</summary>
public sealed class SignInTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/customers")]
    [InlineData("/customers/new")]
    [InlineData("/purchases")]
    [InlineData("/admin/lists")]
    [InlineData("/audit")]
    public async Task AnonymousVisitor_IsSentToTheLoginPage(string path)
    {
        using var client = factory.CreateAnonymous();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri("http://localhost"), response.Headers.Location!);
        Assert.Equal("/account/login", location.AbsolutePath);
        Assert.Equal(path, System.Web.HttpUtility.ParseQueryString(location.Query)["ReturnUrl"]);
    }

    [Fact]
    public async Task HealthEndpoint_AnswersWithoutSignIn()
    {
        using var client = factory.CreateAnonymous();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LoginPage_OffersOneSignInButtonPerDemoUser()
    {
        using var client = factory.CreateAnonymous();

        var html = await client.GetStringAsync(SignedInClient.LoginPath);

        foreach (var user in DemoUsers.All)
        {
            Assert.Contains($"data-testid=\"signin-{user.ExternalId}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("data-testid=\"dev-signin-warning\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SalesUser_SignsIn_AndSeesTheCustomerListWithTheirName()
    {
        using var client = factory.CreateAnonymous();

        using var signIn = await client.PostDevLoginAsync("demo-sales", "/customers");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/customers", signIn.Headers.Location!.OriginalString);

        using var list = await client.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var html = WebUtility.HtmlDecode(await list.Content.ReadAsStringAsync());
        Assert.Contains(DemoUsers.Find("demo-sales")!.DisplayName, html, StringComparison.Ordinal);
        Assert.Contains("id=\"quick-search\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"customer-table\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("//evil.example/customers")]
    [InlineData("https://evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\n/evil.example")]
    public async Task SignIn_WithAForeignReturnUrl_LandsOnTheHomePage(string returnUrl)
    {
        using var client = factory.CreateAnonymous();

        using var response = await client.PostDevLoginAsync("demo-sales", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = factory.CreateAnonymous();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "demo-admin", ["returnUrl"] = "/" });

        using var response = await client.PostAsync("/account/dev-login", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignIn_AsAnUnknownUser_ShowsTheLoginPageWithAnError()
    {
        using var client = factory.CreateAnonymous();

        using var response = await client.PostDevLoginAsync("no-such-user", "/customers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?error=unknown-user", response.Headers.Location!.OriginalString);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location));
        Assert.Contains("That demo user does not exist.", html, StringComparison.Ordinal);
        using var list = await client.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
    }

    [Theory]
    [InlineData("/customers")]
    [InlineData("/customers?q=%E7%8E%8B&stage=Active")]
    public async Task SignIn_WithALocalReturnUrl_GoesBackThere(string returnUrl)
    {
        using var client = factory.CreateAnonymous();

        using var response = await client.PostDevLoginAsync("demo-sales", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(returnUrl, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var client = await factory.CreateSignedInAsync("demo-sales");
        var token = await client.AntiforgeryTokenAsync("/customers");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        using var signOut = await client.PostAsync("/account/logout", form);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/account/login", signOut.Headers.Location!.OriginalString);
        using var list = await client.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = await factory.CreateSignedInAsync("demo-sales");

        using var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        using var list = await client.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }
}
