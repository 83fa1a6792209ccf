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

/// <summary>
/// The CardSearch trigram index: created and filled by its migrations, kept in step by triggers. Since migration
/// FieldEncryption it holds names and companies only: phones and e-mails are stored encrypted and found whole.
/// </summary>
public sealed class QuickSearchIndexTests : ServiceTest
{
    private static readonly string[] Triggers = ["Cards_CardSearch_Insert", "Cards_CardSearch_Update", "Cards_CardSearch_Delete"];

    [Fact]
    public async Task AllMigrations_LeaveTheIndexAndItsTriggersInPlace()
    {
        // A later migration that makes EF rebuild Cards or ContactPoints drops their triggers with the old table.
        await using var db = App.Database.CreateContext();

        var triggers = await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' ORDER BY name").ToListAsync();
        var table = await db.Database.SqlQuery<string>($"SELECT sql AS \"Value\" FROM sqlite_master WHERE name = 'CardSearch'").SingleAsync();

        Assert.Superset(Triggers.ToHashSet(), triggers.ToHashSet());
        Assert.DoesNotContain(triggers, t => t.StartsWith("ContactPoints_CardSearch", StringComparison.Ordinal));
        Assert.Contains("trigram", table, StringComparison.Ordinal);
        Assert.DoesNotContain("Phones", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migration_FillsTheIndexForCardsThatAlreadyExist()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company("上海星辰贸易有限公司").WithName("李雷").WithPhone("021 6888 1234").WithEmail("li.lei@xingchen.example.cn"));
        await using (var db = App.Database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"CardSearch\"");
            Assert.Empty(await SearchAsync("星辰贸易"));

            await RunAsync(db, [.. new FieldEncryption().UpOperations.OfType<SqlOperation>()]);
        }

        Assert.Equal(["上海星辰贸易有限公司"], await SearchAsync("星辰贸易"));
        Assert.Equal(["上海星辰贸易有限公司"], await SearchAsync("李雷"));
        Assert.Equal(["上海星辰贸易有限公司"], await SearchAsync("li.lei@xingchen.example.cn"));
        Assert.Equal(["上海星辰贸易有限公司"], await SearchAsync("021 6888 1234"));
    }

    [Fact]
    public async Task IndexRow_HoldsNameAndCompany_AndNoPhoneOrEmail()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company("星辰科技").WithName("李雷")
            .WithPhone("+86 138 1234 5678").WithPhone("021 6888 1234").WithEmail("Li.Lei@Example.com"));

        Assert.Equal("李雷\n星辰科技", await IndexRowAsync(card.Id));
        await using var db = App.Database.CreateContext();
        var everything = await db.Database.SqlQuery<string>($"SELECT group_concat(\"Names\", char(10)) AS \"Value\" FROM \"CardSearch\"").SingleAsync();
        Assert.DoesNotContain("13812345678", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("li.lei", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoCards_WrittenInBulk_AreIndexedLikeCardsSavedOneByOne()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        await database.Generator().GenerateAsync(300);

        await using var db = await database.Factory.CreateDbContextAsync();
        var cards = await db.Cards.AsNoTracking().Select(c => new { c.Number, c.Name, c.Company }).ToListAsync();
        var rows = await db.Database.SqlQuery<IndexRowData>($"SELECT rowid AS \"Number\", \"Names\" FROM \"CardSearch\"").ToDictionaryAsync(r => r.Number);

        Assert.Equal(cards.Count, rows.Count);
        foreach (var card in cards)
        {
            Assert.Equal($"{card.Name}\n{card.Company}", rows[card.Number].Names);
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

    private static async Task RunAsync(Dashboard.Domain.Persistence.DashboardDbContext db, IReadOnlyList<MigrationOperation> operations)
    {
        var commands = db.GetService<IMigrationsSqlGenerator>().Generate(operations, db.Model);
        await db.GetService<IMigrationCommandExecutor>().ExecuteNonQueryAsync(commands, db.GetService<IRelationalConnection>());
    }

    private async Task<string> IndexRowAsync(Guid cardId)
    {
        await using var db = App.Database.CreateContext();
        var number = await db.Cards.Where(c => c.Id == cardId).Select(c => c.Number).SingleAsync();
        return (await db.Database.SqlQuery<IndexRowData>($"SELECT rowid AS \"Number\", \"Names\" FROM \"CardSearch\" WHERE rowid = {number}").SingleAsync()).Names;
    }

    private async Task<IReadOnlyList<string>> SearchAsync(string search)
    {
        var page = await App.Queries.ListAsync(SalesEast, new CardListQuery { Search = search });
        return page.Items.Select(i => i.DisplayName).ToList();
    }

    /// <summary>One row of CardSearch as SQL returns it.</summary>
    private sealed record IndexRowData(long Number, string Names);
}
