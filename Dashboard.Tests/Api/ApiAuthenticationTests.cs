using System.Net;
using Dashboard.Domain.Access;
using Dashboard.Domain.Integration.ApiKeys;
using Dashboard.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>Who gets into the API: a valid key does; no key, a wrong key and a revoked key get 401 problem+json, never a sign-in redirect.</summary>
public sealed class ApiAuthenticationTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task WithoutAKey_TheApiAnswers401ProblemWithAChallenge_NotASignInPage()
    {
        using var client = factory.CreateApiClient(key: null);

        using var response = await client.GetAsync("/api/v1/cards");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
        Assert.Contains("X-Api-Key", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ccd_000000000000_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not-a-key")]
    public async Task AnUnknownKey_Is401(string key)
    {
        using var client = factory.CreateApiClient(key);

        using var response = await client.GetAsync("/api/v1/cards");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey" && h.Parameter!.Contains("invalid_key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARevokedKey_Is401_FromTheNextRequestOn()
    {
        var key = await factory.CreateKeyAsync("Revoked integration", Role.SalesManager);
        using var client = factory.CreateApiClient(key);
        using var before = await client.GetAsync("/api/v1/cards");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var keys = factory.Services.GetRequiredService<ApiKeyService>();
        var admin = await factory.Services.ActorAsync("demo-admin");
        var listed = (await keys.ListAsync(admin)).Single(k => key.StartsWith(k.Prefix + "_", StringComparison.Ordinal));

        Assert.True((await keys.RevokeAsync(admin, listed.Id)).Succeeded);
        using var after = await client.GetAsync("/api/v1/cards");

        await after.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheKeyCanAlsoBeSentAsAnAuthorizationHeader_AndItsUseIsRecorded()
    {
        var key = await factory.CreateKeyAsync("Header integration", Role.SalesManager);
        using var client = factory.CreateApiClient(key: null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", key);

        using var response = await client.GetAsync("/api/v1/cards");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var admin = await factory.Services.ActorAsync("demo-admin");
        var listed = (await factory.Services.GetRequiredService<ApiKeyService>().ListAsync(admin)).Single(k => key.StartsWith(k.Prefix + "_", StringComparison.Ordinal));
        Assert.NotNull(listed.LastUsedAt);
    }

    [Fact]
    public async Task ASignedInBrowserCookie_DoesNotOpenTheApi()
    {
        using var browser = await factory.CreateSignedInAsync("demo-admin");

        using var response = await browser.GetAsync("/api/v1/cards");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PagesStillSendAnonymousVisitorsToSignIn()
    {
        using var client = factory.CreateApiClient(key: null);

        using var response = await client.GetAsync("/customers");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(SignedInClient.LoginPath, response.Headers.Location!.OriginalString.Replace("http://localhost", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownApiAddress_Is404Problem()
    {
        var key = await factory.CreateKeyAsync("Lost integration", Role.SalesManager);
        using var client = factory.CreateApiClient(key);

        using var response = await client.GetAsync("/api/v1/no-such-thing");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
