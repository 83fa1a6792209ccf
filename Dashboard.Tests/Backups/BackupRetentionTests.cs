using Dashboard.Domain.Backups;
using Dashboard.Domain.Common;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Backups;

/// <summary>Backups are named by their UTC time, checked, audited, and only the newest ones are kept.</summary>
public sealed class BackupRetentionTests : IAsyncLifetime
{
    private readonly FakeClock _clock = new(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero));
    private FileDashboard _app = null!;

    public async Task InitializeAsync() =>
        _app = await FileDashboard.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:Backups:Keep"] = "3" }, clock: _clock);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AfterFiveBackups_TheThreeNewestAreKept_AndEveryBackupIsAudited()
    {
        for (var i = 0; i < 5; i++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            var result = await _app.Backups.CreateAsync(_app.Actors.Admin);
            Assert.True(result.Succeeded, TestDashboard.Describe(result));
        }

        var listing = (await _app.Backups.ListAsync(_app.Actors.Admin)).Value!;
        Assert.Equal(Path.Combine(_app.Folder, "backups"), listing.Directory);
        Assert.Equal(["dashboard-20261204T080000Z.db", "dashboard-20261204T070000Z.db", "dashboard-20261204T060000Z.db"], listing.Files.Select(f => f.Name));
        Assert.Equal(listing.Files.Select(f => f.Name).Order(), Directory.GetFiles(listing.Directory).Select(Path.GetFileName).Order());
        Assert.All(listing.Files, f => Assert.True(f.Size > 0));
        Assert.Equal(new DateTime(2026, 12, 4, 8, 0, 0, DateTimeKind.Utc), listing.Files[0].TakenAt);
        foreach (var file in listing.Files)
        {
            Assert.Equal("ok", await FileDashboard.IntegrityCheckAsync(file.Path));
        }

        await using var db = _app.CreateContext();
        var audit = await db.AuditEntries.Where(e => e.Action == BackupService.CreatedAction).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(5, audit.Count);
        Assert.Equal(["Deleted"], audit[^1].Changes.Where(c => c.Field == "Deleted").Select(c => c.Field));
        Assert.Equal("dashboard-20261204T050000Z.db", audit[^1].Changes.Single(c => c.Field == "Deleted").Before);
    }

    [Fact]
    public async Task OnlyAnAdmin_CanBackUpOrSeeTheBackups()
    {
        var backup = await _app.Backups.CreateAsync(_app.Actors.SalesManager);
        var listing = await _app.Backups.ListAsync(_app.Actors.Auditor);

        Assert.Equal((CommandStatus.Forbidden, CommandStatus.Forbidden), (backup.Status, listing.Status));
        Assert.False(Directory.Exists(Path.Combine(_app.Folder, "backups")));
    }

    [Fact]
    public async Task TwoBackupsInTheSameSecond_BothKeptUnderDistinctNames()
    {
        var first = await _app.Backups.CreateAsync(_app.Actors.Admin);
        var second = await _app.Backups.CreateAsync(_app.Actors.Admin);

        Assert.Equal(("dashboard-20261204T030000Z.db", "dashboard-20261204T030000Z-2.db"), (first.Value!.Name, second.Value!.Name));
        Assert.Equal(["dashboard-20261204T030000Z-2.db", "dashboard-20261204T030000Z.db"], (await _app.Backups.ListAsync(_app.Actors.Admin)).Value!.Files.Select(f => f.Name));
    }
}
