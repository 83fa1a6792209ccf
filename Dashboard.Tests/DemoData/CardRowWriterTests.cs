using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Tests.DemoData;

/// <summary>The bulk writer must store rows exactly as EF's SaveChanges stores the same aggregates.</summary>
public sealed class CardRowWriterTests
{
    private static readonly string[] Tables =
    [
        "Cards", "ContactPoints", "StageTransitions", "Interactions", "Purchases", "Remarks", "RemarkVersion",
        "CustomFieldValues", "CardTags", "CardInterests",
    ];

    [Fact]
    public async Task Keys_follow_the_order_rows_are_written_so_a_million_inserts_append_to_their_indexes()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        var factory = new DemoCardFactory(await SettingAsync(database), seed: 7);
        var cards = Enumerable.Range(1, 300).Select(n => factory.Build(n)).ToList();

        // As SQLite compares them: the text EF stores.
        var stored = cards.Select(c => c.Id.ToString().ToUpperInvariant()).ToList();
        Assert.Equal(stored.Order(StringComparer.Ordinal), stored);
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.All(cards.SelectMany(c => c.Interactions.Select(i => i.Id).Concat(c.StageHistory.Select(t => t.Id)).Concat(c.ContactPoints.Select(p => p.Id))),
            id => Assert.Equal(7, id.Version));
    }

    [Fact]
    public async Task Rows_written_in_bulk_are_identical_to_the_rows_EF_writes()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        var setting = await SettingAsync(database);
        var factory = new DemoCardFactory(setting, seed: 7);
        var cards = Enumerable.Range(1, 150).Select(n => factory.Build(n)).ToList();

        // Bulk first: it only reads the aggregates, while EF's save fixes up their foreign keys.
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            await db.Database.OpenConnectionAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            using (var writer = new CardRowWriter(db.Model, (SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)transaction.GetDbTransaction()))
            {
                writer.Write(cards);
            }

            await transaction.CommitAsync();
        }

        var bulk = await DumpAsync(database);
        Assert.DoesNotContain(bulk.Values.SelectMany(rows => rows), row => row.Contains("NOT ENCRYPTED", StringComparison.Ordinal));
        Assert.True(bulk["RemarkVersion"].Count > 0, "The sample should include edited remarks.");
        Assert.True(bulk["CustomFieldValues"].Count == cards.Count, "Every card should fill the required custom field.");
        await DeleteCardsAsync(database);

        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.AttachRange(setting.Owners.Select(o => (object)o.Staff));
            db.Attach(setting.FinanceStaff);
            db.AttachRange(setting.ListItems.Values);
            db.AttachRange(setting.TagsById.Values);
            db.AttachRange(setting.CustomFields);
            db.Cards.AddRange(cards);
            await db.SaveChangesAsync();
        }

        var viaEf = await DumpAsync(database);
        foreach (var table in Tables)
        {
            Assert.True(viaEf[table].Count > 0 || table == "CardInterests", $"{table} is empty");
            Assert.Equal(viaEf[table], bulk[table]);
        }
    }

    /// <summary>Staff, the seeded lists and a required custom field, as the generator would load them.</summary>
    private static async Task<DemoSetting> SettingAsync(DemoTestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var east = new Team(Guid.NewGuid(), DemoUsers.EastTeam);
        var west = new Team(Guid.NewGuid(), DemoUsers.WestTeam);
        var sales = new StaffMember(Guid.NewGuid(), "demo-sales", "Zhang Wei", null, east.Id);
        var lead = new StaffMember(Guid.NewGuid(), "demo-teamlead", "Li Na", null, east.Id);
        var rep = new StaffMember(Guid.NewGuid(), "demo-rep-06", "Huang Lei", null, west.Id);
        var finance = new StaffMember(Guid.NewGuid(), "demo-finance", "Wang Fang", null, null);
        db.Teams.AddRange(east, west);
        db.Staff.AddRange(sales, lead, rep, finance);
        db.CustomFields.Add(new CustomFieldDefinition("Company size", CustomFieldType.SingleChoice, isRequired: true, ["Small", "Medium", "Large"], appliesTo: null, sortOrder: 10));
        db.CustomFields.Add(new CustomFieldDefinition("Notes", CustomFieldType.Text, isRequired: false, null, appliesTo: null, sortOrder: 20));
        await db.SaveChangesAsync();

        return new DemoSetting(
            await db.ListItems.AsNoTracking().ToListAsync(),
            await db.Tags.AsNoTracking().ToListAsync(),
            await db.CustomFields.AsNoTracking().ToListAsync(),
            [new(sales, 3, IsTeamLead: false), new(lead, 1, IsTeamLead: true), new(rep, 2, IsTeamLead: false)],
            finance,
            DemoTestDatabase.Now.UtcDateTime.Date);
    }

    /// <summary>
    /// Every row of the card tables, each column quoted by SQLite so that storage types count too. Encrypted columns
    /// differ on every write (a fresh nonce), so they are compared decrypted, after checking they are stored encrypted.
    /// </summary>
    private static async Task<Dictionary<string, List<string>>> DumpAsync(DemoTestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var encrypted = Dashboard.Domain.Security.FieldProtectionMaintenance.EncryptedColumns(db.Model).ToDictionary(c => (c.Table, c.Column), c => c.Converter.Column);
        var protector = db.Protector;
        connection.CreateFunction("test_decrypt", (string? stored, string column) =>
            stored is null ? null
            : Dashboard.Domain.Security.FieldProtector.IsEncrypted(stored) ? protector.Decrypt(stored, column)
            : "NOT ENCRYPTED: " + stored);
        var dump = new Dictionary<string, List<string>>();
        foreach (var table in Tables)
        {
            var columns = new List<string>();
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
                await using var reader = await info.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    columns.Add(reader.GetString(0));
                }
            }

            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT {string.Join(" || '|' || ", columns.Select(c => encrypted.TryGetValue((table, c), out var context) ? $"quote(test_decrypt(\"{c}\", '{context}'))" : $"quote(\"{c}\")"))} FROM \"{table}\"";
            var rows = new List<string>();
            await using (var reader = await select.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows.Add(reader.GetString(0));
                }
            }

            rows.Sort(StringComparer.Ordinal);
            dump[table] = rows;
        }

        return dump;
    }

    private static async Task DeleteCardsAsync(DemoTestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        foreach (var table in new[] { "RemarkVersion", "Remarks", "ContactPoints", "StageTransitions", "Interactions", "Purchases", "CustomFieldValues", "CardTags", "CardInterests", "Cards" })
        {
#pragma warning disable EF1002 // Table names are constants of this test.
            await db.Database.ExecuteSqlRawAsync($"DELETE FROM \"{table}\"");
#pragma warning restore EF1002
        }
    }
}
