using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Backups;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;
using Dashboard.Web.Backups;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dashboard.Tests.Backups;

/// <summary>A backup taken while people keep saving cards holds every card saved before it started, and restores whole.</summary>
public sealed class BackupUnderLoadTests(ITestOutputHelper log) : IAsyncLifetime
{
    private FileDashboard _app = null!;

    public async Task InitializeAsync() => _app = await FileDashboard.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ABackupTakenWhileWritersRun_RestoresEveryCardCommittedBeforeItStarted()
    {
        var writers = new[] { _app.Actors.SalesEast, _app.Actors.SalesEastColleague, _app.Actors.SalesWest, _app.Actors.TeamLeadEast };
        var committedBefore = new ConcurrentBag<CardRef>();
        var created = 0;
        var gaveUp = 0;
        var backupStarted = long.MaxValue;
        using var stop = new CancellationTokenSource();
        var running = writers.Select((actor, w) => Task.Run(() => WriteUntilStoppedAsync(actor, w))).ToList();

        // Let the writers get going, back up in the middle of their saves, and let them go on for a while after.
        await WaitUntilAsync(() => Volatile.Read(ref created) >= 40);
        Interlocked.Exchange(ref backupStarted, Stopwatch.GetTimestamp());
        var backup = await _app.Backups.CreateAsync(_app.Actors.Admin);
        var createdAtBackupEnd = Volatile.Read(ref created);
        await WaitUntilAsync(() => Volatile.Read(ref created) >= createdAtBackupEnd + 20);
        await stop.CancelAsync();
        await Task.WhenAll(running);

        Assert.True(backup.Succeeded, TestDashboard.Describe(backup));
        Assert.True(committedBefore.Count >= 40, $"{committedBefore.Count} cards were committed before the backup started");
        log.WriteLine($"{created} cards created, {committedBefore.Count} before the backup started, {gaveUp} creates gave up on a taken card number");
        var restoredPath = Path.Combine(_app.Folder, "restored", "dashboard.db");
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await RestoreBackupCommand.RunAsync([backup.Value!.Path, "--yes"], FileDashboard.ConfigurationFor(restoredPath), output, TextReader.Null);

        Assert.True(exit == 0, output.ToString());
        Assert.Equal("ok", await FileDashboard.IntegrityCheckAsync(restoredPath));
        await using var restored = await FileDashboard.StartAsync(Path.GetDirectoryName(restoredPath));
        await using var db = restored.CreateContext();
        var ids = committedBefore.Select(c => c.Id).ToList();
        var cards = await db.Cards.Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Code, Contacts = c.ContactPoints.Count }).ToListAsync();
        Assert.Equal(ids.Order(), cards.Select(c => c.Id).Order());
        Assert.All(cards, card => Assert.Equal(2, card.Contacts));
        var codes = committedBefore.Select(c => c.Code).ToList();
        var audited = await db.AuditEntries.Where(e => e.Action == "card.created" && codes.Contains(e.EntityId)).Select(e => e.EntityId).ToListAsync();
        Assert.Equal(codes.Order(), audited.Order());
        Assert.Single(await db.AuditEntries.Where(e => e.Action == BackupService.RestoredAction).ToListAsync());

        // The restored database holds nothing half-written: no card without its audit entry, whatever was saved during the copy.
        Assert.Equal(await db.Cards.CountAsync(), await db.AuditEntries.CountAsync(e => e.Action == "card.created"));
        Assert.True(await db.Cards.CountAsync() < Volatile.Read(ref created), "cards saved after the backup are not in it");

        async Task WriteUntilStoppedAsync(Actor actor, int writer)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var draft = CardDraftBuilder.Individual($"Writer {writer} card {i}").OwnedBy(actor)
                    .WithPhone($"139{writer:D2}{i:D6}", "Mobile", primary: true)
                    .WithEmail($"w{writer}.c{i}@example.com", "Work", primary: true)
                    .Build();
                CommandResult<CardRef> result;
                try
                {
                    result = await _app.Cards.CreateAsync(actor, draft);
                }
                catch (DbUpdateException)
                {
                    // CreateAsync gives up (throws) after five writers in a row took the number it chose; nothing was saved.
                    Interlocked.Increment(ref gaveUp);
                    continue;
                }

                var returned = Stopwatch.GetTimestamp();
                if (result.Succeeded)
                {
                    Interlocked.Increment(ref created);
                    if (returned < Interlocked.Read(ref backupStarted))
                    {
                        committedBefore.Add(result.Value!);
                    }
                }
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), "The writers made no progress.");
            await Task.Delay(20);
        }
    }
}
