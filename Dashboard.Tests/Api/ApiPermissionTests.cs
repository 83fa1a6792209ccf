using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>A key gets exactly what a person with its role and team gets in the UI: the domain services decide.</summary>
public sealed class ApiPermissionTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task AFinanceKey_CannotReadCardsOrTheirContactDetails()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var card = await factory.CreateCardWithContactsAsync(rep, "Finance Cannot See", phone: "13900001111", email: "hidden.from.finance@example.com");
        var key = await factory.CreateKeyAsync("Accounting system", Role.Finance);
        using var client = factory.CreateApiClient(key);

        using var single = await client.GetAsync($"/api/v1/cards/{card.Id}");
        using var list = await client.GetAsync("/api/v1/cards?search=Finance%20Cannot%20See");
        using var interactions = await client.GetAsync($"/api/v1/cards/{card.Id}/interactions");

        await single.AssertProblemAsync(HttpStatusCode.Forbidden);
        await interactions.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Empty((await list.ReadJsonAsync())["items"]!.AsArray());
        foreach (var body in new[] { await single.Content.ReadAsStringAsync(), await list.Content.ReadAsStringAsync(), await interactions.Content.ReadAsStringAsync() })
        {
            Assert.DoesNotContain("1111", body, StringComparison.Ordinal);
            Assert.DoesNotContain("hidden.from.finance", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFinanceKey_RecordsPurchasesOnAnyCard_AndListsThem()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var card = await factory.CreateCardWithContactsAsync(rep, "Finance Purchase Card", phone: "13900002222", email: "buyer@example.com");
        var key = await factory.CreateKeyAsync("Invoicing", Role.Finance);
        using var client = factory.CreateApiClient(key);

        using var recorded = await client.PostAsJsonAsync($"/api/v1/cards/{card.Id}/purchases",
            new { product = "Annual licence", purchasedOn = "2026-01-15", quantity = 2, amount = 1999.50m, currency = "CNY" }, ApiClient.Json);
        using var purchases = await client.GetAsync("/api/v1/purchases?pageSize=200");

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var rows = (await purchases.ReadJsonAsync())["items"]!.AsArray();
        var row = Assert.Single(rows, r => (string)r!["cardCode"]! == card.Code);
        Assert.Equal("Annual licence", (string)row!["product"]!);
        Assert.Equal(1999.50m, (decimal)row["amount"]!);
        Assert.DoesNotContain("2222", await purchases.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASalesManagerKey_SeesContactDetailsMasked()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var card = await factory.CreateCardWithContactsAsync(rep, "Masked For Managers", phone: "13900003333", email: "masked.manager@example.com");
        var key = await factory.CreateKeyAsync("Reporting", Role.SalesManager);
        using var client = factory.CreateApiClient(key);

        using var response = await client.GetAsync($"/api/v1/cards/{card.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True((bool)body["contactsMasked"]!);
        var phone = (string)body["phones"]![0]!["value"]!;
        Assert.DoesNotContain("00003333", phone.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("masked.manager@", (string)body["emails"]![0]!["value"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASalesKey_CannotReadOrChangeAnotherTeamsCard()
    {
        var westRep = await factory.Services.WestTeamRepAsync();
        var card = await factory.CreateCardWithContactsAsync(westRep, "West Only", phone: "13900004444", email: "west.only@example.com");
        var eastRep = await factory.Services.ActorAsync("demo-sales");
        var key = await factory.CreateKeyAsync("East shop", Role.Sales, teamOf: eastRep);
        using var client = factory.CreateApiClient(key);

        using var read = await client.GetAsync($"/api/v1/cards/{card.Id}");
        using var update = await client.PutJsonAsync($"/api/v1/cards/{card.Id}", new { kind = "Individual", name = "Taken Over" }, ifMatch: $"\"{card.Version}\"");
        using var stage = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/cards/{card.Id}/stage", new { stage = "New" }, ifMatch: $"\"{card.Version}\"");
        using var interaction = await client.PostAsJsonAsync($"/api/v1/cards/{card.Id}/interactions", new { kind = "Call", summary = "Not my card" }, ApiClient.Json);

        foreach (var response in new[] { read, update, stage, interaction })
        {
            await response.AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.DoesNotContain("west.only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var after = await factory.CardAsync(westRep, card.Id);
        Assert.Equal("West Only", after.Name);
        Assert.Equal(card.Version, after.Version);
        Assert.Empty(after.Interactions);
    }

    [Fact]
    public async Task ASalesKey_CreatesACard_ThatItsTeamSees_AndTheAuditNamesTheKey()
    {
        var eastRep = await factory.Services.ActorAsync("demo-sales");
        var key = await factory.CreateKeyAsync("Web shop sign-ups", Role.Sales, teamOf: eastRep);
        using var client = factory.CreateApiClient(key);

        using var response = await client.PostAsJsonAsync("/api/v1/cards", new
        {
            kind = "Individual",
            name = "刘 洋",
            stage = "New",
            phones = new[] { new { label = "Mobile", value = "+86 139-0000-5555", isPrimary = true } },
            emails = new[] { new { label = "Home", value = "Liu.Yang@Example.com", isPrimary = true } },
        }, ApiClient.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal($"/api/v1/cards/{(string)body["id"]!}", response.Headers.Location!.OriginalString);
        Assert.Equal($"\"{(int)body["version"]!}\"", response.Headers.ETag!.Tag);
        Assert.Equal("New", (string)body["stage"]!);
        Assert.Equal("liu.yang@example.com", (string)body["emails"]![0]!["value"]!);
        var card = await factory.CardAsync(eastRep, Guid.Parse((string)body["id"]!));
        Assert.Equal("Web shop sign-ups (API key)", card.OwnerName);
        Assert.False(card.Permissions.ContactsMasked);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(e => e.EntityId == card.Code && e.Action == "card.created");
        Assert.Equal("Web shop sign-ups (API key)", audit.ActorName);
    }

    [Fact]
    public async Task ASalesKey_LogsAnInteractionOnItsTeamsCard()
    {
        var eastRep = await factory.Services.ActorAsync("demo-sales");
        var card = await factory.CreateCardWithContactsAsync(eastRep, "Team Card For Calls", phone: "13900006666", email: "team.calls@example.com");
        var key = await factory.CreateKeyAsync("Call centre", Role.Sales, teamOf: eastRep);
        using var client = factory.CreateApiClient(key);

        using var logged = await client.PostAsJsonAsync($"/api/v1/cards/{card.Id}/interactions",
            new { kind = "Call", occurredAt = "2026-01-10T09:30:00+08:00", summary = "Asked about the spring catalogue", outcome = "Send catalogue" }, ApiClient.Json);
        using var listed = await client.GetAsync($"/api/v1/cards/{card.Id}/interactions");

        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var interaction = Assert.Single((JsonNode.Parse(await listed.Content.ReadAsStringAsync())!).AsArray());
        Assert.Equal("Asked about the spring catalogue", (string)interaction!["summary"]!);
        Assert.Equal("Call centre (API key)", (string)interaction["staffName"]!);
        var seen = Assert.Single((await factory.CardAsync(eastRep, card.Id)).Interactions);
        Assert.Equal(new DateTime(2026, 1, 10, 1, 30, 0, DateTimeKind.Utc), seen.OccurredAt);
    }

    [Fact]
    public async Task AnAuditorKey_SeesNoCards_AndCannotCreateOne()
    {
        var key = await factory.CreateKeyAsync("Audit export", Role.Auditor);
        using var client = factory.CreateApiClient(key);

        using var create = await client.PostAsJsonAsync("/api/v1/cards", new { kind = "Individual", name = "Should Not Exist" }, ApiClient.Json);
        using var list = await client.GetAsync("/api/v1/cards?search=Should%20Not%20Exist");

        await create.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty((await list.ReadJsonAsync())["items"]!.AsArray());
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Cards.AnyAsync(c => c.DisplayName == "Should Not Exist"));
    }
}
