using System.Net;
using System.Net.Http.Json;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Api;

/// <summary>
/// Masked values are shown in full only through the logged reveal, and a Finance user cannot see a phone number by any
/// path: the card API, the list and its search, the reveal, the export, the audit trail.
/// </summary>
public sealed class ApiRevealTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task ASalesManagerKey_RevealsAMaskedPhone_AndTheRevealIsAudited()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var card = await factory.CreateCardWithContactsAsync(rep, "Reveal Through The Api", phone: "13900004444", email: "reveal.api@example.com");
        var key = await factory.CreateKeyAsync("Reporting reveal", Role.SalesManager);
        using var client = factory.CreateApiClient(key);
        var shown = await (await client.GetAsync($"/api/v1/cards/{card.Id}")).ReadJsonAsync();
        var phoneId = (string)shown["phones"]![0]!["id"]!;

        using var revealed = await client.PostAsJsonAsync($"/api/v1/cards/{card.Id}/reveal", new { contactPointId = phoneId }, ApiClient.Json);

        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        var body = await revealed.ReadJsonAsync();
        Assert.Equal("+86 139 0000 4444", (string)body["value"]!);
        Assert.True((bool)body["logged"]!);
        var audit = await AuditAsync(card.Code);
        Assert.Single(audit, e => e.Action == CardRevealService.RevealedAction);
    }

    [Fact]
    public async Task ARevealNamingNothingOrBoth_Is422_AndLogsNothing()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var card = await factory.CreateCardWithContactsAsync(rep, "Reveal Bad Request");
        var key = await factory.CreateKeyAsync("Reporting bad reveal", Role.SalesManager);
        using var client = factory.CreateApiClient(key);

        using var nothing = await client.PostAsJsonAsync($"/api/v1/cards/{card.Id}/reveal", new { }, ApiClient.Json);
        using var both = await client.PostAsJsonAsync($"/api/v1/cards/{card.Id}/reveal", new { contactPointId = Guid.NewGuid(), address = true }, ApiClient.Json);

        await nothing.AssertProblemAsync((HttpStatusCode)422);
        await both.AssertProblemAsync((HttpStatusCode)422);
        Assert.DoesNotContain(await AuditAsync(card.Code), e => e.Action == CardRevealService.RevealedAction);
    }

    [Fact]
    public async Task AFinanceUser_CannotSeeAPhoneNumberByAnyPath()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var card = await factory.CreateCardWithContactsAsync(rep, "Finance Never Sees", phone: "13900005555", email: "finance.never@example.com");
        var phoneId = (await factory.CardAsync(rep, card.Id)).Phones[0].Id;
        var key = await factory.CreateKeyAsync("Finance any path", Role.Finance);
        using var api = factory.CreateApiClient(key);
        using var browser = await factory.CreateSignedInAsync("demo-finance");

        HttpResponseMessage[] responses =
        [
            await api.GetAsync($"/api/v1/cards/{card.Id}"),
            await api.GetAsync("/api/v1/cards?search=13900005555"),
            await api.GetAsync("/api/v1/cards?search=Finance%20Never%20Sees"),
            await api.PostAsJsonAsync($"/api/v1/cards/{card.Id}/reveal", new { contactPointId = phoneId }, ApiClient.Json),
            await api.PostAsJsonAsync($"/api/v1/cards/{card.Id}/reveal", new { address = true }, ApiClient.Json),
            await api.GetAsync($"/api/v1/cards/{card.Id}/interactions"),
            await api.GetAsync("/api/v1/purchases?pageSize=200"),
            await browser.GetAsync($"/customers/{card.Id}"),
            await browser.GetAsync("/customers?q=13900005555"),
            await browser.GetAsync("/export/cards.csv"),
            await browser.GetAsync("/export/purchases.csv"),
            await browser.GetAsync("/audit"),
        ];

        try
        {
            Assert.Equal(HttpStatusCode.Forbidden, responses[0].StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, responses[3].StatusCode);
            foreach (var response in responses)
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain("0000 5555", body, StringComparison.Ordinal);
                Assert.DoesNotContain("00005555", body, StringComparison.Ordinal);
                Assert.DoesNotContain("finance.never@", body, StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private async Task<List<AuditEntry>> AuditAsync(string code)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.EntityId == code).ToListAsync();
    }
}
