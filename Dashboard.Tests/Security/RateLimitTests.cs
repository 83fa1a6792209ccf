using System.Net;
using Dashboard.Domain.Access;
using Dashboard.Tests.Api;
using Dashboard.Tests.Web;

namespace Dashboard.Tests.Security;

/// <summary>
/// Rate limits with tiny limits set through configuration: the REST API per key, exports per user and the anonymous
/// endpoints per client address answer 429 with Retry-After once used up; ordinary pages are never limited.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Api_OverItsLimit_Answers429ProblemWithRetryAfter()
    {
        await using var app = new DashboardWebFactory().WithSetting("Dashboard:RateLimits:ApiPerMinute", "2");
        using var client = app.CreateApiClient(await app.CreateKeyAsync("integration", Role.SalesManager));

        using var first = await client.GetAsync(new Uri("/api/v1/cards", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/api/v1/cards", UriKind.Relative));
        using var third = await client.GetAsync(new Uri("/api/v1/cards", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var problem = await third.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", (string)problem["title"]!);
        AssertRetryAfter(third, maximumSeconds: 30);
    }

    [Fact]
    public async Task Api_CountsEachKeySeparately()
    {
        await using var app = new DashboardWebFactory().WithSetting("Dashboard:RateLimits:ApiPerMinute", "1");
        using var busy = app.CreateApiClient(await app.CreateKeyAsync("busy script", Role.SalesManager));
        using var other = app.CreateApiClient(await app.CreateKeyAsync("other integration", Role.SalesManager));

        using var busyFirst = await busy.GetAsync(new Uri("/api/v1/cards", UriKind.Relative));
        using var busySecond = await busy.GetAsync(new Uri("/api/v1/cards", UriKind.Relative));
        using var otherFirst = await other.GetAsync(new Uri("/api/v1/cards", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, busyFirst.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, busySecond.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherFirst.StatusCode);
    }

    [Fact]
    public async Task WrongApiKeys_FromOneAddress_AreStoppedBeforeTheKeyIsChecked_WhileOtherPathsStillAnswer()
    {
        await using var app = new DashboardWebFactory().WithSetting("Dashboard:RateLimits:FailedApiAuthPerMinute", "3");
        var good = await app.CreateKeyAsync("integration", Role.SalesManager);
        using var guesser = app.CreateApiClient("dck_guess_" + new string('x', 40));
        using var honest = app.CreateApiClient(good);

        using var beforeGuessing = await honest.GetAsync(new Uri("/api/v1/cards", UriKind.Relative));
        var refused = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var attempt = await guesser.GetAsync(new Uri("/api/v1/cards", UriKind.Relative));
            refused.Add(attempt.StatusCode);
        }

        using var fourth = await guesser.GetAsync(new Uri("/api/v1/cards", UriKind.Relative));
        using var validKeySameAddress = await honest.GetAsync(new Uri("/api/v1/cards", UriKind.Relative));
        using var page = await app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, beforeGuessing.StatusCode);
        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        var problem = await fourth.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many failed authentications", (string)problem["title"]!);
        AssertRetryAfter(fourth, maximumSeconds: 30);
        Assert.Equal(HttpStatusCode.TooManyRequests, validKeySameAddress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Export_OverItsLimit_Answers429WithRetryAfter_PerUser()
    {
        await using var app = new DashboardWebFactory().WithSetting("Dashboard:RateLimits:ExportPerMinute", "1");
        using var lead = await app.CreateSignedInAsync("demo-teamlead");
        using var manager = await app.CreateSignedInAsync("demo-salesmanager");

        using var first = await lead.GetAsync(new Uri("/export/cards.csv", UriKind.Relative));
        using var second = await lead.GetAsync(new Uri("/export/cards.csv", UriKind.Relative));
        using var colleague = await manager.GetAsync(new Uri("/export/cards.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.StartsWith("Too many requests. Please try again in ", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertRetryAfter(second, maximumSeconds: 60);
        Assert.Equal(HttpStatusCode.OK, colleague.StatusCode);
    }

    [Fact]
    public async Task AnonymousEndpoints_OverTheirLimit_Answer429_WhilePagesAreNotLimited()
    {
        // Signing in takes two anonymous requests (the login page and its form post), which use the whole allowance.
        await using var app = new DashboardWebFactory().WithSetting("Dashboard:RateLimits:AnonymousPerMinute", "2");
        using var client = await app.CreateSignedInAsync("demo-sales");

        var pages = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var page = await client.GetAsync(new Uri("/customers", UriKind.Relative));
            pages.Add(page.StatusCode);
        }

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var login = await client.GetAsync(new Uri(SignedInClient.LoginPath, UriKind.Relative));

        Assert.All(pages, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, health.StatusCode);
        AssertRetryAfter(health, maximumSeconds: 30);
        Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
    }

    [Fact]
    public async Task DefaultLimits_LetOrdinaryUseThrough()
    {
        await using var app = new DashboardWebFactory();
        using var client = app.CreateAnonymous();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task ANonPositiveLimit_StopsTheAppFromStarting()
    {
        await using var app = new DashboardWebFactory().WithSetting("Dashboard:RateLimits:ApiPerMinute", "0");

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.Contains("Dashboard:RateLimits:ApiPerMinute", error.Message, StringComparison.Ordinal);
    }

    private static void AssertRetryAfter(HttpResponseMessage response, int maximumSeconds)
    {
        var seconds = response.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.True(seconds is >= 1 && seconds <= maximumSeconds, $"Retry-After is {response.Headers.RetryAfter}, expected 1..{maximumSeconds} s.");
    }
}
