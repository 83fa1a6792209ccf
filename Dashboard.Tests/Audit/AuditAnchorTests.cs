using Dashboard.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Audit;

/// <summary>
/// The chain's head written outside the database: removing the newest entries and resetting the id sequence (which the
/// chain alone cannot tell from entries never written) shows against it.
/// </summary>
public sealed class AuditAnchorTests : IAsyncLifetime
{
    private AuditChainDatabase _db = null!;

    public async Task InitializeAsync() => _db = await AuditChainDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task TruncatingTheTailAndResettingTheSequence_IsReportedAgainstTheAnchor()
    {
        await CreateCardsAsync(5);
        var anchor = await _db.Anchors.WriteHeadAsync();
        Assert.NotNull(anchor);
        var intact = await _db.Verifier.CheckAsync();
        Assert.True(intact.IsIntact, intact.Describe());
        Assert.Contains($"anchored through entry {anchor.EntryId}", intact.Describe(), StringComparison.Ordinal);

        await _db.ExecuteAsAttackerAsync($"""
            DROP TRIGGER "{AuditChainSchema.NoDeleteTrigger}";
            DELETE FROM AuditTrail WHERE Id > {anchor.EntryId - 2};
            UPDATE sqlite_sequence SET seq = {anchor.EntryId - 2} WHERE name = 'AuditTrail';
            """);
        var report = await _db.Verifier.CheckAsync();

        var broken = Assert.Single(report.Breaks);
        Assert.Equal((anchor.EntryId, AuditChainProblem.EntryMissing), (broken.EntryId, broken.Problem));
        Assert.Contains($"entries {anchor.EntryId - 1} to {anchor.EntryId} were in the chain when it was anchored", broken.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplacingTheTailWithNewEntries_IsReportedAtTheAnchoredEntry()
    {
        await CreateCardsAsync(4);
        var anchor = (await _db.Anchors.WriteHeadAsync())!;
        await _db.ExecuteAsAttackerAsync($"""
            DROP TRIGGER "{AuditChainSchema.NoDeleteTrigger}";
            DELETE FROM AuditTrail WHERE Id >= {anchor.EntryId - 1};
            UPDATE sqlite_sequence SET seq = {anchor.EntryId - 2} WHERE name = 'AuditTrail';
            """);
        // New, correctly sealed entries take the removed ids.
        await CreateCardsAsync(3);

        var report = await _db.Verifier.CheckAsync();

        var broken = Assert.Single(report.Breaks);
        Assert.Equal((anchor.EntryId, AuditChainProblem.ContentChanged), (broken.EntryId, broken.Problem));
        Assert.Contains("differs from the one anchored outside the database", broken.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAnchor_IsWrittenOnlyWhenTheChainMoved_AndItsFileIsPrivate()
    {
        await CreateCardsAsync(2);

        var first = await _db.Anchors.WriteHeadAsync();
        var again = await _db.Anchors.WriteHeadAsync();
        await CreateCardsAsync(1);
        var moved = await _db.Anchors.WriteHeadAsync();

        Assert.NotNull(first);
        Assert.Null(again);
        Assert.Equal(first.EntryId + 1, moved!.EntryId);
        Assert.Equal(2, File.ReadAllLines(_db.Anchors.FilePath).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_db.Anchors.FilePath));
        }
    }

    [Fact]
    public async Task AnEditedAnchorLine_IsReported_AndNotTrusted()
    {
        await CreateCardsAsync(3);
        var anchor = (await _db.Anchors.WriteHeadAsync())!;
        var lines = await File.ReadAllLinesAsync(_db.Anchors.FilePath);
        await File.WriteAllLinesAsync(_db.Anchors.FilePath, [lines[0].Replace($"\"EntryId\":{anchor.EntryId}", $"\"EntryId\":{anchor.EntryId + 50}", StringComparison.Ordinal)]);

        var report = await _db.Verifier.CheckAsync();

        var broken = Assert.Single(report.Breaks);
        Assert.Equal(AuditChainProblem.AnchorNotGenuine, broken.Problem);
        Assert.Contains("line 1 of the anchor file is not genuine", broken.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterARestore_EarlierAnchorsNoLongerApply()
    {
        await CreateCardsAsync(3);
        await _db.Anchors.WriteHeadAsync();
        await _db.ExecuteAsAttackerAsync($"""
            DROP TRIGGER "{AuditChainSchema.NoDeleteTrigger}";
            DELETE FROM AuditTrail WHERE Id = (SELECT MAX(Id) FROM AuditTrail);
            UPDATE sqlite_sequence SET seq = (SELECT MAX(Id) FROM AuditTrail) WHERE name = 'AuditTrail';
            """);
        Assert.False((await _db.Verifier.CheckAsync()).IsIntact);

        // What restore-backup does after putting an older copy in place.
        _db.Anchors.RecordRestore();
        var report = await _db.Verifier.CheckAsync();

        Assert.True(report.IsIntact, report.Describe());
    }

    [Fact]
    public async Task AnchorsOfAnotherDatabase_SharingTheKeyRing_AreNotComparedWithThisOne()
    {
        await CreateCardsAsync(3);
        await _db.Anchors.WriteHeadAsync();
        await using var other = await AuditChainDatabase.CreateAsync();
        await other.CreateCardAsync(other.Actors.SalesEast, "别的库");
        // Same anchor file, another chain: a database started afresh beside the same key ring.
        File.Copy(_db.Anchors.FilePath, other.Anchors.FilePath, overwrite: true);
        await using (var db = await other.Factory.CreateDbContextAsync())
        {
            Assert.True(await db.AuditEntries.CountAsync() < 20);
        }

        var report = await other.VerifierWith(_db.KeyRing).CheckAsync();

        Assert.DoesNotContain(report.Breaks, b => b.Problem == AuditChainProblem.EntryMissing);
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
