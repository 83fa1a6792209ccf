using Dashboard.Domain.Audit;
using Dashboard.Domain.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Audit;

/// <summary>PRODUCT.md C5: the audit trail is append-only and hash-chained, so tampering is detectable.</summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private AuditChainDatabase _db = null!;

    public async Task InitializeAsync() => _db = await AuditChainDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ManyMixedWrites_ThroughEfAndTheBulkImport_FormOneIntactChain()
    {
        var card = await _db.CreateCardAsync(_db.Actors.SalesEast, "王小明");
        await _db.CreateCardAsync(_db.Actors.SalesWest, "陈杰");
        var rows = string.Join("\n", Enumerable.Range(0, 40).Select(i => $"客户{i:D2}号,139{i:D8}"));
        var import = await _db.ImportInBulkAsync("姓名,手机\n" + rows);
        await _db.CreateCardAsync(_db.Actors.SalesEast, "后来的客户");

        var report = await _db.Verifier.CheckAsync();

        Assert.Equal(40, import.Created);
        var total = await _db.ScalarAsync<long>("SELECT COUNT(*) FROM AuditTrail");
        Assert.True(report.IsIntact, report.Describe());
        Assert.Equal(total, report.EntryCount);
        Assert.True(total >= 44, $"{total} entries");
        Assert.Equal(0, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM AuditTrail WHERE Hash IS NULL OR KeyId IS NULL OR SealVersion <> 2"));
        Assert.Equal(await _db.ScalarAsync<string>("SELECT Hash FROM AuditTrail ORDER BY Id DESC LIMIT 1"), report.LastHash);
        Assert.Equal(1, await _db.ScalarAsync<long>($"SELECT COUNT(*) FROM AuditTrail WHERE Action = 'card.created' AND EntityId = '{card.Code}' AND Hash IS NOT NULL"));
    }

    [Fact]
    public async Task TwentyConcurrentWriters_ProduceOneUnbrokenChain()
    {
        // Twenty people, each editing their own card five times at once: 100 audit entries from 20 connections.
        var actors = new[] { _db.Actors.SalesEast, _db.Actors.SalesEastColleague, _db.Actors.SalesWest, _db.Actors.TeamLeadEast };
        var cards = new List<(Dashboard.Domain.Access.Actor Actor, Guid Id)>();
        for (var w = 0; w < 20; w++)
        {
            cards.Add((actors[w % actors.Length], (await _db.CreateCardAsync(actors[w % actors.Length], $"并发客户{w:D2}")).Id));
        }

        var before = await _db.ScalarAsync<long>("SELECT COUNT(*) FROM AuditTrail");
        using var start = new ManualResetEventSlim();
        var writers = cards.Select((card, w) => Task.Run(async () =>
        {
            start.Wait();
            for (var i = 0; i < 5; i++)
            {
                await _db.EditCardAsync(card.Actor, card.Id, draft => draft.Title = $"Buyer {w}-{i}");
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(writers);

        var report = await _db.Verifier.CheckAsync();

        Assert.True(report.IsIntact, report.Describe());
        Assert.Equal(before + 100, report.EntryCount);
        // No fork: every entry but the first names a different predecessor, the one just before it.
        Assert.Equal(report.EntryCount - 1, await _db.ScalarAsync<long>("SELECT COUNT(DISTINCT PreviousHash) FROM AuditTrail"));
        Assert.Equal(0, await _db.ScalarAsync<long>(
            "SELECT COUNT(*) FROM AuditTrail a JOIN AuditTrail p ON p.Id = a.Id - 1 WHERE a.PreviousHash IS NOT p.Hash"));
    }

    [Fact]
    public async Task EditingOneSummaryWithRawSql_IsDetectedAtExactlyThatEntry()
    {
        await CreateCardsAsync(6);
        var target = await _db.ScalarAsync<long>("SELECT Id FROM AuditTrail WHERE Action = 'card.created' ORDER BY Id LIMIT 1 OFFSET 3");

        await _db.ExecuteAsAttackerAsync($"""
            DROP TRIGGER "{AuditChainSchema.NoUpdateTrigger}";
            UPDATE AuditTrail SET Summary = 'Nothing happened here' WHERE Id = {target};
            """);
        var report = await _db.Verifier.CheckAsync();

        var broken = Assert.IsType<AuditChainBreak>(report.FirstBreak);
        Assert.Equal(target, broken.EntryId);
        Assert.Equal(AuditChainProblem.ContentChanged, broken.Problem);
        Assert.NotNull(broken.At);
        Assert.Equal(await _db.ScalarAsync<long>("SELECT COUNT(*) FROM AuditTrail"), report.EntryCount);
        Assert.Contains($"BROKEN at entry {target}", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingAnEntry_IsDetectedAtTheNextOne()
    {
        await CreateCardsAsync(6);
        var target = await _db.ScalarAsync<long>("SELECT Id FROM AuditTrail WHERE Action = 'card.created' ORDER BY Id LIMIT 1 OFFSET 2");

        await _db.ExecuteAsAttackerAsync($"""
            DROP TRIGGER "{AuditChainSchema.NoDeleteTrigger}";
            DELETE FROM AuditTrail WHERE Id = {target};
            """);
        var report = await _db.Verifier.CheckAsync();

        var broken = Assert.IsType<AuditChainBreak>(report.FirstBreak);
        Assert.Equal(target + 1, broken.EntryId);
        Assert.Equal(AuditChainProblem.EntryMissing, broken.Problem);
        Assert.Contains($"entry {target} before it is gone", broken.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingTheNewestEntry_IsDetectedToo()
    {
        await CreateCardsAsync(3);
        var last = await _db.ScalarAsync<long>("SELECT MAX(Id) FROM AuditTrail");

        await _db.ExecuteAsAttackerAsync($"""DROP TRIGGER "{AuditChainSchema.NoDeleteTrigger}"; DELETE FROM AuditTrail WHERE Id = {last};""");
        var report = await _db.Verifier.CheckAsync();

        var broken = Assert.IsType<AuditChainBreak>(report.FirstBreak);
        Assert.Equal(last, broken.EntryId);
        Assert.Equal(AuditChainProblem.EntryMissing, broken.Problem);
    }

    [Fact]
    public async Task UpdatingOrDeletingAnEntryThroughSql_IsRefusedByTheDatabase()
    {
        await CreateCardsAsync(2);

        var update = await Assert.ThrowsAsync<SqliteException>(() => _db.ExecuteAsAttackerAsync("UPDATE AuditTrail SET Summary = 'x' WHERE Id = 1"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => _db.ExecuteAsAttackerAsync("DELETE FROM AuditTrail"));
        await using var db = await _db.Factory.CreateDbContextAsync();
        var throughEf = await Assert.ThrowsAsync<SqliteException>(() => db.AuditEntries.Where(e => e.Id == 2).ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, "Nobody")));

        Assert.Contains(AuditChainSchema.UpdateRefused, update.Message, StringComparison.Ordinal);
        Assert.Contains(AuditChainSchema.DeleteRefused, delete.Message, StringComparison.Ordinal);
        Assert.Contains(AuditChainSchema.UpdateRefused, throughEf.Message, StringComparison.Ordinal);
        Assert.True((await _db.Verifier.CheckAsync()).IsIntact);
    }

    [Fact]
    public async Task AnEntryWrittenWithoutTheApplication_CannotBeAdded()
    {
        var before = await _db.ScalarAsync<long>("SELECT COUNT(*) FROM AuditTrail");

        var insert = await Assert.ThrowsAsync<SqliteException>(() => _db.ExecuteAsAttackerAsync(
            "INSERT INTO AuditTrail (At, ActorId, ActorName, Action, EntityType, EntityId) VALUES ('2026-01-01 00:00:00', '00000000-0000-0000-0000-000000000000', 'x', 'card.deleted', 'CustomerCard', 'C-000001')"));

        Assert.Contains(AuditChainInterceptor.KeyFunction, insert.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM AuditTrail"));
    }

    [Fact]
    public async Task VerifyingWithAnotherKeyRing_ReportsAnUnknownKeyAtTheFirstEntry()
    {
        await CreateCardsAsync(2);
        var otherRing = new KeyRing(Path.Combine(_db.Folder, "other-keys"));
        otherRing.Create(KeyPurposes.AuditChain);
        var verifier = _db.VerifierWith(otherRing);

        var report = await verifier.CheckAsync();

        var broken = Assert.IsType<AuditChainBreak>(report.FirstBreak);
        Assert.Equal(1, broken.EntryId);
        Assert.Equal(AuditChainProblem.UnknownKey, broken.Problem);
    }

    [Fact]
    public async Task AReplacedKeyWithTheSameId_ReportsTheFirstEntryAsChanged()
    {
        await CreateCardsAsync(2);
        var key = _db.KeyRing.Current(KeyPurposes.AuditChain);
        var forged = Path.Combine(_db.Folder, "forged-keys", KeyPurposes.AuditChain);
        Directory.CreateDirectory(forged);
        await File.WriteAllTextAsync(Path.Combine(forged, key.Id + ".key"), Convert.ToBase64String(new byte[32]));
        var verifier = _db.VerifierWith(new KeyRing(Path.Combine(_db.Folder, "forged-keys")));

        var report = await verifier.CheckAsync();

        Assert.Equal(AuditChainProblem.ContentChanged, report.FirstBreak?.Problem);
        Assert.Equal(1, report.FirstBreak?.EntryId);
    }

    [Fact]
    public async Task AfterKeyRotation_NewEntriesUseTheNewKey_AndTheWholeChainStillVerifies()
    {
        await CreateCardsAsync(2);
        var first = _db.KeyRing.Current(KeyPurposes.AuditChain);
        _db.Clock.Tick();
        var rotated = _db.KeyRing.Create(KeyPurposes.AuditChain);
        await CreateCardsAsync(2);

        var report = await _db.Verifier.CheckAsync();

        Assert.True(report.IsIntact, report.Describe());
        Assert.NotEqual(first.Id, rotated.Id);
        Assert.Equal(rotated.Id, await _db.ScalarAsync<string>("SELECT KeyId FROM AuditTrail ORDER BY Id DESC LIMIT 1"));
        Assert.Equal(first.Id, await _db.ScalarAsync<string>("SELECT KeyId FROM AuditTrail ORDER BY Id LIMIT 1"));
    }

    [Fact]
    public async Task TheKeyFile_IsReadableByItsOwnerOnly()
    {
        var key = _db.KeyRing.Current(KeyPurposes.AuditChain);
        var file = Path.Combine(_db.KeyRing.Folder, KeyPurposes.AuditChain, key.Id + ".key");

        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_db.KeyRing.Folder));
        }

        Assert.DoesNotContain(Convert.ToBase64String(key.Material.ToArray()), await _db.ScalarAsync<string>("SELECT group_concat(KeyId || Hash) FROM AuditTrail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verification_IsItselfAudited_AndOnlyForAuditorsAndAdmins()
    {
        await CreateCardsAsync(1);

        var byAuditor = await _db.Verifier.VerifyAsync(_db.Actors.Auditor);
        var bySales = await _db.Verifier.VerifyAsync(_db.Actors.SalesEast);

        Assert.True(byAuditor.Succeeded);
        Assert.True(byAuditor.Value!.IsIntact);
        Assert.False(bySales.Succeeded);
        Assert.Equal(1, await _db.ScalarAsync<long>($"SELECT COUNT(*) FROM AuditTrail WHERE Action = '{AuditChainVerifier.VerifiedAction}' AND ActorName = 'Grace Liu' AND Summary LIKE '%intact%'"));
        Assert.True((await _db.Verifier.CheckAsync()).IsIntact);
    }

    [Fact]
    public async Task EntriesWrittenBeforeTheChainExisted_AreSealedInIdOrderByTheMigration()
    {
        await using var old = await AuditChainDatabase.CreateAsync(migrate: false);
        await using (var db = await old.Factory.CreateDbContextAsync())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var beforeChain = migrations[migrations.FindIndex(m => m.EndsWith("_AuditHashChain", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(beforeChain);
            for (var i = 1; i <= 5; i++)
            {
                await db.Database.ExecuteSqlAsync($"INSERT INTO AuditTrail (At, ActorId, ActorName, Action, EntityType, EntityId, Summary) VALUES ({$"2026-01-0{i} 08:00:00"}, '00000000-0000-0000-0000-000000000000', 'Before', 'card.created', 'CustomerCard', {$"C-00000{i}"}, {$"old entry {i}"})");
            }
        }

        await new Dashboard.Domain.Persistence.DatabaseInitializer(old.Factory, NullLogger<Dashboard.Domain.Persistence.DatabaseInitializer>.Instance).InitializeAsync();
        var report = await old.Verifier.CheckAsync();

        Assert.True(report.IsIntact, report.Describe());
        Assert.Equal(5, report.EntryCount);
        Assert.Equal(0, await old.ScalarAsync<long>("SELECT COUNT(*) FROM AuditTrail WHERE Hash IS NULL"));
        Assert.Equal(1, await old.ScalarAsync<long>("SELECT COUNT(*) FROM AuditTrail WHERE PreviousHash IS NULL AND Id = 1"));
    }

    [Fact]
    public void TheSeal_CoversEveryColumnOfTheAuditTable()
    {
        using var context = _db.Factory.CreateDbContext();
        var columns = context.Model.FindEntityType(typeof(AuditEntry))!.GetProperties().Select(p => p.GetColumnName()).Order().ToList();

        Assert.Equal(AuditSeal.Columns.Append("Hash").Order().ToList(), columns);
    }

    private async Task CreateCardsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _db.Clock.Tick();
            await _db.CreateCardAsync(_db.Actors.SalesEast, $"客户{i}");
        }
    }
}
