using Dashboard.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Audit;

/// <summary>
/// The verifier goes on past a broken link: a harmless-looking first break (or an old entry that cannot verify) must not
/// hide a forgery behind it, so every break and every missing range is reported.
/// </summary>
public sealed class AuditChainEveryBreakTests : IAsyncLifetime
{
    private AuditChainDatabase _db = null!;

    public async Task InitializeAsync() => _db = await AuditChainDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task SeveralTamperedEntries_AreEachReported_WithEveryMissingRange()
    {
        for (var i = 0; i < 12; i++)
        {
            _db.Clock.Tick();
            await _db.CreateCardAsync(_db.Actors.SalesEast, $"客户{i}");
        }

        var ids = await EntryIdsAsync();
        var (edited, forged, gone1, gone2, goneAlone) = (ids[2], ids[5], ids[7], ids[8], ids[10]);
        await _db.ExecuteAsAttackerAsync($"""
            DROP TRIGGER "{AuditChainSchema.NoUpdateTrigger}";
            DROP TRIGGER "{AuditChainSchema.NoDeleteTrigger}";
            UPDATE AuditTrail SET Summary = 'nothing happened' WHERE Id = {edited};
            UPDATE AuditTrail SET ActorName = 'Someone else', Hash = '{new string('a', 64)}' WHERE Id = {forged};
            DELETE FROM AuditTrail WHERE Id IN ({gone1}, {gone2}, {goneAlone});
            """);

        var report = await _db.Verifier.CheckAsync();

        Assert.False(report.IsIntact);
        Assert.Equal(
            [
                (edited, AuditChainProblem.ContentChanged),
                (forged, AuditChainProblem.ContentChanged),
                (forged + 1, AuditChainProblem.LinkBroken),
                (gone2 + 1, AuditChainProblem.EntryMissing),
                (goneAlone + 1, AuditChainProblem.EntryMissing),
            ],
            report.Breaks.Select(b => (b.EntryId, b.Problem)));
        Assert.Contains($"entries {gone1} to {gone2} before it are gone", report.Breaks[3].Detail, StringComparison.Ordinal);
        Assert.Equal(ids.Count - 3, report.EntryCount);
        var described = report.Describe().Split(Environment.NewLine);
        Assert.Equal(6, described.Length);
        Assert.StartsWith($"BROKEN at entry {edited} (", described[0], StringComparison.Ordinal);
        Assert.Equal($"5 problems in {ids.Count - 3} entries", described[^1]);
    }

    [Fact]
    public async Task TheVerifyCommand_PrintsEveryBreak_AndTheVerificationEntryNamesThemAll()
    {
        for (var i = 0; i < 4; i++)
        {
            await _db.CreateCardAsync(_db.Actors.SalesEast, $"客户{i}");
        }

        var ids = await EntryIdsAsync();
        await _db.ExecuteAsAttackerAsync($"""
            DROP TRIGGER "{AuditChainSchema.NoUpdateTrigger}";
            UPDATE AuditTrail SET Summary = 'x' WHERE Id IN ({ids[1]}, {ids[3]});
            """);
        using var output = new StringWriter();

        var code = await AuditVerifyCommand.RunAsync(_db.Services, output);

        Assert.Equal(AuditVerifyCommand.Broken, code);
        Assert.Contains($"BROKEN at entry {ids[1]} ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains($"BROKEN at entry {ids[3]} ", output.ToString(), StringComparison.Ordinal);
        var recorded = await _db.ScalarAsync<string>($"SELECT Summary FROM AuditTrail WHERE Action = '{AuditChainVerifier.VerifiedAction}' ORDER BY Id DESC LIMIT 1");
        Assert.Contains($"entry {ids[1]} ", recorded, StringComparison.Ordinal);
        Assert.Contains($"entry {ids[3]} ", recorded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEntrySealedByTheFirstVersionWithANul_StillVerifies_AndNewEntriesUseTheSecond()
    {
        // A database written by the version before this one: the v1 trigger, whose function saw text up to a NUL.
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync($"""DROP TRIGGER "{AuditChainSchema.SealTrigger}";""");
            await db.Database.ExecuteSqlRawAsync(AuditChainSchema.CreateSealTriggerV1);
        }

        await _db.InsertAuditEntryAsync("nul\0probe", "C-000001", "Created nul\0probe");
        await using (var db = await _db.Factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync($"""DROP TRIGGER "{AuditChainSchema.SealTrigger}";""");
            await db.Database.ExecuteSqlRawAsync(AuditChainSchema.CreateSealTriggerV2);
        }

        await _db.CreateCardAsync(_db.Actors.SalesEast, "之后");
        var report = await _db.Verifier.CheckAsync();

        Assert.True(report.IsIntact, report.Describe());
        Assert.Equal(1, await _db.ScalarAsync<long>("SELECT COUNT(*) FROM AuditTrail WHERE SealVersion = 1"));
        Assert.Equal(2, await _db.ScalarAsync<long>("SELECT SealVersion FROM AuditTrail ORDER BY Id DESC LIMIT 1"));
    }

    [Fact]
    public async Task ChangingTextAfterANul_IsDetectedInANewEntry()
    {
        await _db.InsertAuditEntryAsync("x", "C-1", "before\0after");

        var id = (await EntryIdsAsync())[^1];
        await _db.ExecuteAsAttackerAsync($"""
            DROP TRIGGER "{AuditChainSchema.NoUpdateTrigger}";
            UPDATE AuditTrail SET Summary = CAST(x'6265666f7265006368616e676564' AS TEXT) WHERE Id = {id};
            """);

        var report = await _db.Verifier.CheckAsync();

        Assert.Equal((id, AuditChainProblem.ContentChanged), (report.FirstBreak!.EntryId, report.FirstBreak.Problem));
    }

    private async Task<List<long>> EntryIdsAsync()
    {
        await using var db = await _db.Factory.CreateDbContextAsync();
        return await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
    }
}
