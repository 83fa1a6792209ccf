using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Dashboard.Domain.Access;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Dashboard.Tests.Api;

/// <summary>With Entra ID configured, the API accepts the tenant's access tokens for this app, and nothing else.</summary>
public sealed class EntraBearerApiTests : IAsyncLifetime, IDisposable
{
    private readonly EntraTestAuthority _authority = new();
    private readonly DashboardWebFactory _factory;

    public EntraBearerApiTests() => _factory = _authority.CreateApp();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    public void Dispose() => _authority.Dispose();

    [Fact]
    public async Task ATokenWithASalesRole_CreatesACardOwnedByTheStaffMemberItsOidNames()
    {
        var oid = Guid.NewGuid().ToString();
        using var client = Client(_authority.Token(oid, "Ma Li", ["Sales"]));

        using var created = await client.PostAsJsonAsync("/api/v1/cards", new { kind = "Individual", name = "Bearer Created" }, ApiClient.Json);
        using var list = await client.GetAsync("/api/v1/cards?search=Bearer%20Created");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Ma Li", (string)(await created.ReadJsonAsync())["owner"]!["name"]!);
        Assert.Single((await list.ReadJsonAsync())["items"]!.AsArray());
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var staff = await db.Staff.SingleAsync(s => s.ExternalId == oid);
        Assert.True(await db.Cards.AnyAsync(c => c.DisplayName == "Bearer Created" && c.OwnerId == staff.Id));
    }

    [Fact]
    public async Task ATokenWithAFinanceRole_GetsTheFinanceRules()
    {
        var rep = await _factory.Services.ActorAsync("demo-sales");
        var card = await _factory.CreateCardWithContactsAsync(rep, "Bearer Finance Cannot See");
        using var client = Client(_authority.Token(Guid.NewGuid().ToString(), "Finance Robot", ["Finance"]));

        using var response = await client.GetAsync($"/api/v1/cards/{card.Id}");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    public static TheoryData<string> RefusedTokens => new() { "wrong audience", "other tenant", "expired", "foreign key", "no role" };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task ATokenThatIsNotForThisApi_Is401WithABearerChallenge(string what)
    {
        using var otherKey = RSA.Create(2048);
        const string otherTenant = "99999999-8888-7777-6666-555555555555";
        var oid = Guid.NewGuid().ToString();
        var token = what switch
        {
            "wrong audience" => _authority.Token(oid, "Eve", ["Admin"], audience: "api://another-app"),
            "other tenant" => _authority.Token(oid, "Eve", ["Admin"], issuer: $"{EntraTestAuthority.Instance}{otherTenant}/v2.0", tenantId: otherTenant),
            "expired" => _authority.Token(oid, "Eve", ["Admin"], expires: DateTime.UtcNow.AddMinutes(-10)),
            "foreign key" => _authority.Token(oid, "Eve", ["Admin"], signedWith: new RsaSecurityKey(otherKey) { KeyId = _authority.SigningKey.KeyId }),
            _ => _authority.Token(oid, "Eve", roles: null),
        };
        using var client = Client(token);

        using var response = await client.GetAsync("/api/v1/cards");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Staff.AnyAsync(s => s.ExternalId == oid));
    }

    [Fact]
    public async Task ApiKeysWorkBesideBearerTokens()
    {
        var key = await _factory.CreateKeyAsync("Entra-mode integration", Role.SalesManager);
        using var client = _factory.CreateApiClient(key);

        using var response = await client.GetAsync("/api/v1/cards");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PagesStillSignInThroughEntra_AndTheApiNeverRedirects()
    {
        using var anonymous = _factory.CreateApiClient(key: null);

        using var page = await anonymous.GetAsync("/customers");
        using var api = await anonymous.GetAsync("/api/v1/cards");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(EntraIdApp.AuthorizeEndpoint, page.Headers.Location!.GetLeftPart(UriPartial.Path));
        await api.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Null(api.Headers.Location);
        Assert.Contains(api.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Contains(api.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
    }

    private HttpClient Client(string token)
    {
        var client = _factory.CreateApiClient(key: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
