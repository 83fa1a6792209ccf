using Dashboard.Domain;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Import;
using Dashboard.Domain.Webhooks;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Domain.Import;

/// <summary>
/// A large import writes its new cards in bulk (search rows filled once, indexes rebuilt): the cards must come out as
/// the card-by-card path leaves them — searchable by name, e-mail and phone, with the database's indexes and search
/// triggers all back in place for the next save.
/// </summary>
public sealed class BulkImportTests : ImportTest
{
    [Fact]
    public async Task CardsWrittenInBulk_AreFoundByQuickSearch_AndLaterCardsStillAre()
    {
        var indexesBefore = await SchemaAsync("index");
        var triggersBefore = await SchemaAsync("trigger");
        var rows = string.Join("\n", Enumerable.Range(0, 40).Select(i => $"客户{i:D2}号,139{i:D8},c{i:D2}@example.com"));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("姓名,手机,邮箱\n" + rows));

        var result = await BulkWorkflow().ImportFileAsync(TeamLead, stream, "bulk.csv", new ImportRequest());

        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        Assert.Equal(40, result.Value!.Created);
        Assert.Equal(indexesBefore, await SchemaAsync("index"));
        Assert.Equal(triggersBefore, await SchemaAsync("trigger"));
        foreach (var term in new[] { "客户17号", "c17@example.com", "13900000017", "+86 139 0000 0017" })
        {
            var found = await App.Queries.ListAsync(TeamLead, new CardListQuery { Search = term });
            Assert.Equal("客户17号", Assert.Single(found.Items).DisplayName);
        }

        var later = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("后来的客户").WithPhone("13812345678"));
        Assert.Equal(later.Code, Assert.Single((await App.Queries.ListAsync(TeamLead, new CardListQuery { Search = "138 1234 5678" })).Items).Code);
        Assert.Equal(41, await App.CountAsync(db => db.Cards.Where(c => c.MatchKeysVersion == Dashboard.Domain.Duplicates.MatchKeys.Version)));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1_000)]
    public async Task WhileAWebhookListens_EveryImportedCardIsAnnounced_InBulkOrNot(int bulkThreshold)
    {
        var webhooks = App.Services.GetRequiredService<WebhookService>();
        var registered = await webhooks.RegisterAsync(Actors.Admin, new WebhookEndpointDraft { Url = "https://example.com/hooks/cards", Events = WebhookEvents.CardCreated });
        Assert.True(registered.Succeeded, TestDashboard.Describe(registered));
        var rows = string.Join("\n", Enumerable.Range(0, 40).Select(i => $"客户{i:D2}号,139{i:D8}"));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("姓名,手机\n" + rows));

        var result = await BulkWorkflow(bulkThreshold).ImportFileAsync(TeamLead, stream, "bulk.csv", new ImportRequest());

        Assert.Equal(40, result.Value!.Created);
        var announced = await App.CountAsync(db => db.WebhookDeliveries.Where(d => d.EventType == WebhookEventNames.CardCreated).Select(d => d.CardCode).Distinct());
        Assert.Equal(40, announced);
    }

    private ImportWorkflow BulkWorkflow(int bulkThreshold = 10) => new(
        App.Database.Factory, App.Clock, App.Notifier, Options.Create(new DashboardOptions()),
        Options.Create(new ImportOptions { BulkThreshold = bulkThreshold }), NullLogger<ImportWorkflow>.Instance);

    private async Task<List<string>> SchemaAsync(string type)
    {
        await using var db = App.Database.CreateContext();
        return await db.Database.SqlQuery<string>($"SELECT sql AS Value FROM sqlite_master WHERE type = {type} AND sql IS NOT NULL ORDER BY name").ToListAsync();
    }
}
