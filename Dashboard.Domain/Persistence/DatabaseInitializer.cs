using System.Diagnostics;
using Dashboard.Domain.ReferenceData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

using Dashboard.Domain.Security;

namespace Dashboard.Domain.Persistence;

/// <summary>Applies migrations and seeds the controlled lists on an empty database.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<DashboardDbContext> dbFactory, ILogger<DatabaseInitializer> logger)
{
    /// <summary>
    /// Whether <see cref="InitializeAsync"/> gathers the planner's statistics before it returns (the default, for
    /// commands and tests); the web app turns it off and gathers them in the background after it starts listening,
    /// since at a million cards they take many seconds.
    /// </summary>
    public bool GatherStatisticsAtStart { get; set; } = true;

    /// <summary>
    /// Whether <see cref="InitializeAsync"/> runs the whole <see cref="FieldProtectionMaintenance"/> pass before it
    /// returns (the default, for commands and tests). The web app turns it off and runs the pass in the background
    /// after it starts listening: it reads every protected column (seconds at a million cards), and values not yet
    /// encrypted with the current key are read correctly meanwhile. Either way the start checks that the key ring
    /// holds the keys the stored values were encrypted with, and refuses to start without them.
    /// </summary>
    public bool ProtectFieldsAtStart { get; set; } = true;

    /// <summary>
    /// Table statistics (sqlite_stat1) for the query planner, gathered for tables that have none or whose size has
    /// changed a lot since (SQLite's own judgement). Without them SQLite guesses that any indexed equality is
    /// selective; with them it walks the customer list's sorted index for a sales rep's own + team cards instead of
    /// sorting all of them. Not sampled: a sample hides how unevenly cards spread over owners.
    /// </summary>
    public async Task GatherStatisticsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var started = Stopwatch.GetTimestamp();
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=0; PRAGMA optimize=0x10002;", ct);
        logger.LogInformation("Checked the query planner's statistics in {Elapsed:F1} s", Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var file = db.Database.GetDbConnection().DataSource is { Length: > 0 } path && path != ":memory:" ? Path.GetFullPath(path) : null;
        if (file is not null)
        {
            // The database holds customers' data: readable by the app's user only, like the key ring (mode 600; SQLite
            // gives its WAL and shared-memory files the database's mode). Files made by earlier versions are fixed too.
            PrivateFiles.CreateDirectory(Path.GetDirectoryName(file)!);
            if (!File.Exists(file))
            {
                PrivateFiles.CreateEmpty(file);
            }

            PrivateFiles.Restrict(PrivateFiles.DatabaseFiles(file));
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }

        await db.Database.MigrateAsync(ct);

        // Write-ahead logging lets readers (dashboards) run while a writer commits.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        if (file is not null)
        {
            PrivateFiles.Restrict(PrivateFiles.DatabaseFiles(file));
        }

        if (GatherStatisticsAtStart)
        {
            await GatherStatisticsAsync(ct);
        }

        // The pipeline projection is made from the card tables when it is missing or incomplete (first start after the
        // upgrade that added it, or a database written by a tool that does not keep it).
        await Dashboards.Projection.PipelineProjectionMaintenance.EnsureBuiltAsync(db, logger, ct);

        // Phones, e-mails and addresses stored in plain text (before migration FieldEncryption) or with an older key
        // are encrypted with the current key, and missing keyed hashes filled, before anyone reads them.
        var protection = new FieldProtectionMaintenance(dbFactory, logger);
        await protection.CheckKeysAsync(ct);
        if (ProtectFieldsAtStart)
        {
            await protection.RunAsync(ct: ct);
        }

        if (!await db.ListItems.AnyAsync(ct))
        {
            db.ListItems.AddRange(ReferenceDataSeed.ListItems());
            await db.SaveChangesAsync(ct);
            var groups = await db.ListItems.Where(i => i.Kind == ListKind.TagGroup).ToDictionaryAsync(i => i.Name, i => i.Id, ct);
            db.Tags.AddRange(ReferenceDataSeed.Tags(groups));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Seeded the controlled lists");
        }
    }
}
