using System.Net;
using Dashboard.Tests.Web;

namespace Dashboard.Tests.SignIn;

/// <summary>The sign-in endpoints answer 429 with a short message and Retry-After once one address asks too often.</summary>
public sealed class SignInRateLimitTests
{
    private const string TooMany = "Too many sign-in attempts from your network. Please wait a minute and try again.";

    [Fact]
    public async Task DemoSignIn_BeyondTheLimit_IsAnswered429WithRetryAfter_WhileOtherPagesStillAnswer()
    {
        await using var factory = new DashboardWebFactory().WithSetting("Dashboard:RateLimits:SignInPerMinute", "3");
        using var client = factory.CreateAnonymous();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await client.PostDevLoginAsync("demo-sales", returnUrl: "/");
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }

        using var refused = await client.PostDevLoginAsync("demo-sales", returnUrl: "/");
        using var loginPage = await client.GetAsync("/account/login");
        using var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal(TooMany, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, loginPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task OpenIdConnectCallbackAndSignInLink_ShareTheLimit()
    {
        await using var factory = EntraIdApp.Create(Microsoft.Extensions.Hosting.Environments.Development).WithSetting("Dashboard:RateLimits:SignInPerMinute", "2");
        using var client = factory.CreateAnonymous();

        using var signIn = await client.GetAsync("/account/signin");
        using var callback = await client.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string> { ["state"] = "x" }));
        using var limitedCallback = await client.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string> { ["state"] = "x" }));
        using var limitedSignIn = await client.GetAsync("/account/signin");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedCallback.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedSignIn.StatusCode);
        Assert.True(limitedSignIn.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task ALimitBelowOne_StopsTheAppFromStarting()
    {
        await using var factory = new DashboardWebFactory().WithSetting("Dashboard:RateLimits:SignInPerMinute", "0");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Dashboard:RateLimits:SignInPerMinute must be at least 1", error.ToString(), StringComparison.Ordinal);
    }
}
