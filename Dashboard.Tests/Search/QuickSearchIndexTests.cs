using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence.Migrations;
using Dashboard.Tests.DemoData;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Tests.Search;

/// <summary>The CardSearch trigram index: created and filled by its migration, kept in step by triggers.</summary>
public sealed class QuickSearchIndexTests : ServiceTest
{
    private static readonly string[] Triggers =
    [
        "Cards_CardSearch_Insert", "Cards_CardSearch_Update", "Cards_CardSearch_Delete",
        "ContactPoints_CardSearch_Insert", "ContactPoints_CardSearch_Update", "ContactPoints_CardSearch_Delete",
    ];

    [Fact]
    public async Task AllMigrations_LeaveTheIndexAndItsTriggersInPlace()
    {
        // A later migration that makes EF rebuild Cards or ContactPoints drops their triggers with the old table.
        await using var db = App.Database.CreateContext();

        var triggers = await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' ORDER BY name").ToListAsync();
        var table = await db.Database.SqlQuery<string>($"SELECT sql AS \"Value\" FROM sqlite_master WHERE name = 'CardSearch'").SingleAsync();

        Assert.Superset(Triggers.ToHashSet(), triggers.ToHashSet());
        Assert.Contains("trigram", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migration_FillsTheIndexForCardsThatAlreadyExist()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company("上海星辰贸易有限公司").WithName("李雷").WithPhone("021 6888 1234").WithEmail("li.lei@xingchen.example.cn"));
        await using (var db = App.Database.CreateContext())
        {
            await RunAsync(db, new QuickSearchIndex().DownOperations);
            Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'CardSearch'").SingleAsync());

            await RunAsync(db, new QuickSearchIndex().UpOperations);
        }

        Assert.Equal(["上海星辰贸易有限公司"], await SearchAsync("星辰贸易"));
        Assert.Equal(["上海星辰贸易有限公司"], await SearchAsync("李雷"));
        Assert.Equal(["上海星辰贸易有限公司"], await SearchAsync("xingchen.ex"));
        Assert.Equal(["上海星辰贸易有限公司"], await SearchAsync("6888 1234"));
    }

    [Fact]
    public async Task IndexRow_HoldsNamesEmailsAndPhoneDigitsOfTheCard()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company("星辰科技").WithName("李雷")
            .WithPhone("+86 138 1234 5678").WithPhone("021 6888 1234").WithEmail("Li.Lei@Example.com"));

        var row = await IndexRowAsync(card.Id);

        Assert.Equal("李雷\n星辰科技", row.Names);
        Assert.Equal(["li.lei@example.com"], row.Emails);
        Assert.Equal(["8613812345678", "862168881234"], row.Phones.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DemoCards_WrittenInBulk_AreIndexedLikeCardsSavedOneByOne()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        await database.Generator().GenerateAsync(300);

        await using var db = await database.Factory.CreateDbContextAsync();
        var cards = await db.Cards.AsNoTracking()
            .Select(c => new { c.Number, c.Name, c.Company, Contacts = c.ContactPoints.Select(p => new { p.Kind, p.Value }).ToList() })
            .ToListAsync();
        var rows = await db.Database.SqlQuery<IndexRowData>($"SELECT rowid AS \"Number\", \"Names\", \"Emails\", \"Phones\" FROM \"CardSearch\"").ToDictionaryAsync(r => r.Number);

        Assert.Equal(cards.Count, rows.Count);
        foreach (var card in cards)
        {
            var row = rows[card.Number];
            Assert.Equal($"{card.Name}\n{card.Company}", row.Names);
            Assert.Equal(Sorted(card.Contacts.Where(p => p.Kind == ContactKind.Email).Select(p => p.Value)), Sorted(Lines(row.Emails)));
            Assert.Equal(Sorted(card.Contacts.Where(p => p.Kind == ContactKind.Phone).Select(p => p.Value.TrimStart('+'))), Sorted(Lines(row.Phones)));
        }
    }

    [Fact]
    public async Task DemoCards_AreFoundByTheirPhoneAndChineseName()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        await database.Generator().GenerateAsync(200);
        await using var db = await database.Factory.CreateDbContextAsync();
        var card = await db.Cards.AsNoTracking().Where(c => c.ContactPoints.Any(p => p.Kind == ContactKind.Phone) && c.Name != null && c.Name.Length == 3)
            .OrderBy(c => c.Number).Select(c => new { c.Code, c.Name, Phone = c.ContactPoints.First(p => p.Kind == ContactKind.Phone).Value }).FirstAsync();
        var queries = database.Queries();

        var byPhone = await queries.ListAsync(DemoTestDatabase.Admin(), new CardListQuery { Search = card.Phone, PageSize = 200 });
        var byName = await queries.ListAsync(DemoTestDatabase.Admin(), new CardListQuery { Search = card.Name, PageSize = 200 });

        Assert.Contains(card.Code, byPhone.Items.Select(i => i.Code));
        Assert.Contains(card.Code, byName.Items.Select(i => i.Code));
    }

    private static List<string> Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToList();

    private static string[] Lines(string? text) => text is null ? [] : text.Split('\n');

    private static async Task RunAsync(Dashboard.Domain.Persistence.DashboardDbContext db, IReadOnlyList<MigrationOperation> operations)
    {
        var commands = db.GetService<IMigrationsSqlGenerator>().Generate(operations, db.Model);
        await db.GetService<IMigrationCommandExecutor>().ExecuteNonQueryAsync(commands, db.GetService<IRelationalConnection>());
    }

    private async Task<(string Names, List<string> Emails, List<string> Phones)> IndexRowAsync(Guid cardId)
    {
        await using var db = App.Database.CreateContext();
        var number = await db.Cards.Where(c => c.Id == cardId).Select(c => c.Number).SingleAsync();
        var row = await db.Database.SqlQuery<IndexRowData>($"SELECT rowid AS \"Number\", \"Names\", \"Emails\", \"Phones\" FROM \"CardSearch\" WHERE rowid = {number}").SingleAsync();
        return (row.Names, Lines(row.Emails).ToList(), Lines(row.Phones).ToList());
    }

    private async Task<IReadOnlyList<string>> SearchAsync(string search)
    {
        var page = await App.Queries.ListAsync(SalesEast, new CardListQuery { Search = search });
        return page.Items.Select(i => i.DisplayName).ToList();
    }

    /// <summary>One row of CardSearch as SQL returns it.</summary>
    private sealed record IndexRowData(long Number, string Names, string? Emails, string? Phones);
}
