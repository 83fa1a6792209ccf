using System.Collections.Concurrent;
using System.Diagnostics;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Duplicates;

/// <summary>How far a scan has got: the step, and items done of the step's total.</summary>
public sealed record DuplicateScanProgress(string Step, int Done, int Total);

/// <summary>The outcome of a scan over all cards.</summary>
public sealed record DuplicateScanReport(int Cards, int KeysRefreshed, int PairsCompared, int Candidates, int NewCandidates, int Withdrawn, TimeSpan Elapsed);

/// <summary>
/// The batch duplicate scan. Brings stale blocking keys up to date (cards written in bulk, or keys of an older
/// <see cref="MatchKeys.Version"/>), lists the pairs that share a key with the database's (Key, CardId) index — blocks
/// larger than <see cref="MaxBlockSize"/> are too common to tell anyone apart and are skipped — scores each pair once
/// with <see cref="MatchScorer"/>, and fills the duplicate queue: new pairs are added, open ones updated, open ones no
/// longer alike withdrawn; dismissed and merged pairs stay as decided. One scan at a time.
/// </summary>
public sealed class DuplicateScanner(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock, ILogger<DuplicateScanner> logger) : IDisposable
{
    public const int MaxBlockSize = 50;
    public const string ScannedAction = "duplicates.scanned";
    private const int KeyBatchSize = 5_000;

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>When the last batch scan finished (its audit entry), or null when none ever did.</summary>
    public async Task<DateTime?> LastScanAtAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "DuplicateQueue" && a.EntityId == "scan" && a.Action == ScannedAction)
            .MaxAsync(a => (DateTime?)a.At, ct);
    }

    public async Task<DuplicateScanReport> ScanAsync(IProgress<DuplicateScanProgress>? progress = null, CancellationToken ct = default)
    {
        await _running.WaitAsync(ct);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var refreshed = await RefreshKeysAsync(progress, ct);
            progress?.Report(new DuplicateScanProgress("Finding candidate pairs", 0, 1));
            var (cards, pairs) = await BlockAsync(ct);
            progress?.Report(new DuplicateScanProgress("Comparing", 0, pairs.Count));
            var matches = Compare(cards, pairs, progress);
            progress?.Report(new DuplicateScanProgress("Saving the queue", 0, matches.Count));
            var (added, withdrawn) = await SaveAsync(cards, matches, ct);
            var report = new DuplicateScanReport(cards.Count, refreshed, pairs.Count, matches.Count, added, withdrawn, Stopwatch.GetElapsedTime(started));
            progress?.Report(new DuplicateScanProgress("Done", matches.Count, matches.Count));
            logger.LogInformation(
                "Duplicate scan: {Cards} cards, {Refreshed} keys refreshed, {Pairs} pairs compared, {Candidates} candidates ({Added} new, {Withdrawn} withdrawn) in {Seconds:F1} s",
                report.Cards, report.KeysRefreshed, report.PairsCompared, report.Candidates, report.NewCandidates, report.Withdrawn, report.Elapsed.TotalSeconds);
            return report;
        }
        finally
        {
            _running.Release();
        }
    }

    public void Dispose() => _running.Dispose();

    /// <summary>Computes and stores the keys of every live card whose keys are missing or of an older version, in batches.</summary>
    private async Task<int> RefreshKeysAsync(IProgress<DuplicateScanProgress>? progress, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.Cards.CountAsync(c => c.MatchKeysVersion != MatchKeys.Version && c.MergedIntoId == null, ct);
        var done = 0;
        long after = 0;
        while (done < total)
        {
            progress?.Report(new DuplicateScanProgress("Preparing match keys", done, total));
            var batch = await db.Cards.AsNoTracking()
                .Where(c => c.MatchKeysVersion != MatchKeys.Version && c.MergedIntoId == null && c.Number > after)
                .OrderBy(c => c.Number).Take(KeyBatchSize)
                .Select(c => new { c.Id, c.Number })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            var last = batch[^1].Number;
            var profiles = await LoadProfilesAsync(db, db.Cards.Where(c => c.Number > after && c.Number <= last && c.MatchKeysVersion != MatchKeys.Version && c.MergedIntoId == null), ct);
            await db.Database.OpenConnectionAsync(ct);
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                var sqliteTransaction = (SqliteTransaction)transaction.GetDbTransaction();
                using var delete = Command(connection, sqliteTransaction, "DELETE FROM \"CardMatchKeys\" WHERE \"CardId\" = $card");
                using var insert = Command(connection, sqliteTransaction, "INSERT OR IGNORE INTO \"CardMatchKeys\" (\"CardId\", \"Key\") VALUES ($card, $key)");
                using var mark = Command(connection, sqliteTransaction, "UPDATE \"Cards\" SET \"MatchKeysVersion\" = $version WHERE \"Id\" = $card");
                var key = insert.Parameters.Add("$key", SqliteType.Text);
                mark.Parameters.AddWithValue("$version", MatchKeys.Version);
                foreach (var (id, profile) in profiles)
                {
                    var card = id.ToString().ToUpperInvariant();
                    delete.Parameters["$card"].Value = card;
                    delete.ExecuteNonQuery();
                    insert.Parameters["$card"].Value = card;
                    foreach (var value in MatchKeys.For(profile))
                    {
                        // Stored as keyed hashes, as the model's converter stores them (ProtectedColumns).
                        key.Value = db.Protector.Hash(value);
                        insert.ExecuteNonQuery();
                    }

                    mark.Parameters["$card"].Value = card;
                    mark.ExecuteNonQuery();
                }

                await transaction.CommitAsync(ct);
            }

            await db.Database.CloseConnectionAsync();
            done += batch.Count;
            after = batch[^1].Number;
        }

        return done;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.Add("$card", SqliteType.Text);
        return command;
    }

    /// <summary>The live cards and the distinct pairs of them that share a key of a block no larger than <see cref="MaxBlockSize"/>.</summary>
    private async Task<(Dictionary<Guid, ScanCard> Cards, List<(Guid A, Guid B)> Pairs)> BlockAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Database.SqlQuery<KeyRow>(
            $"""
            SELECT k."Key" AS "Key", k."CardId" AS "CardId"
            FROM "CardMatchKeys" AS k
            JOIN (SELECT "Key" FROM "CardMatchKeys" GROUP BY "Key" HAVING COUNT(*) BETWEEN 2 AND {MaxBlockSize}) AS b ON b."Key" = k."Key"
            ORDER BY k."Key"
            """).ToListAsync(ct);
        var pairs = new HashSet<(Guid, Guid)>();
        for (var start = 0; start < rows.Count;)
        {
            var end = start;
            while (end < rows.Count && rows[end].Key == rows[start].Key)
            {
                end++;
            }

            for (var i = start; i < end; i++)
            {
                for (var j = i + 1; j < end; j++)
                {
                    var (a, b) = (rows[i].CardId, rows[j].CardId);
                    pairs.Add(a.CompareTo(b) < 0 ? (a, b) : (b, a));
                }
            }

            start = end;
        }

        var ids = pairs.SelectMany(p => new[] { p.Item1, p.Item2 }).ToHashSet();
        var cards = new Dictionary<Guid, ScanCard>(ids.Count);
        foreach (var chunk in ids.Chunk(KeyBatchSize))
        {
            foreach (var (id, number, profile) in await LoadScanCardsAsync(db, chunk, ct))
            {
                cards[id] = new ScanCard(number, profile);
            }
        }

        return (cards, pairs.Where(p => cards.ContainsKey(p.Item1) && cards.ContainsKey(p.Item2)).ToList());
    }

    private static List<(Guid A, Guid B, MatchResult Match)> Compare(Dictionary<Guid, ScanCard> cards, List<(Guid A, Guid B)> pairs, IProgress<DuplicateScanProgress>? progress)
    {
        if (pairs.Count == 0)
        {
            // No two cards share a blocking key (a new or small database): nothing to compare, and no range to split.
            return [];
        }

        var found = new ConcurrentBag<(Guid, Guid, MatchResult)>();
        var done = 0;
        Parallel.ForEach(Partitioner.Create(0, pairs.Count, 2_000), range =>
        {
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var (a, b) = pairs[i];
                if (MatchScorer.Match(cards[a].Features, cards[b].Features) is { } match)
                {
                    found.Add(cards[a].Number < cards[b].Number ? (a, b, match) : (b, a, match));
                }
            }

            progress?.Report(new DuplicateScanProgress("Comparing", Interlocked.Add(ref done, range.Item2 - range.Item1), pairs.Count));
        });
        return [.. found];
    }

    private async Task<(int Added, int Withdrawn)> SaveAsync(Dictionary<Guid, ScanCard> cards, List<(Guid A, Guid B, MatchResult Match)> matches, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.DuplicateCandidates.ToDictionaryAsync(c => (c.CardAId, c.CardBId), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        var seen = new HashSet<(Guid, Guid)>();
        foreach (var (a, b, match) in matches)
        {
            seen.Add((a, b));
            if (existing.TryGetValue((a, b), out var candidate))
            {
                if (candidate.Status == DuplicateStatus.Open)
                {
                    candidate.Update(match);
                }
            }
            else
            {
                db.DuplicateCandidates.Add(new DuplicateCandidate(Guid.NewGuid(), a, b, match, now));
                added++;
            }
        }

        // An open suspicion the cards no longer support (one was corrected, or merged) leaves the queue.
        var withdrawn = existing.Values.Where(c => c.Status == DuplicateStatus.Open && !seen.Contains((c.CardAId, c.CardBId))).ToList();
        db.DuplicateCandidates.RemoveRange(withdrawn);
        AuditLog.Record(db, Actor.System, now, ScannedAction, "DuplicateQueue", "scan",
            $"Duplicate scan of {cards.Count} matched cards: {matches.Count} candidate pairs, {added} new, {withdrawn.Count} withdrawn");
        await db.SaveChangesAsync(ct);
        return (added, withdrawn.Count);
    }

    /// <summary>Profiles of the given cards, with their phones and e-mails, folded for matching.</summary>
    internal static async Task<List<(Guid Id, MatchFeatures Features)>> LoadProfilesAsync(DashboardDbContext db, IQueryable<CustomerCard> cards, CancellationToken ct) =>
        [.. (await LoadAsync(db, cards, ct)).Select(c => (c.Id, c.Features))];

    private static async Task<List<(Guid Id, long Number, MatchFeatures Features)>> LoadScanCardsAsync(DashboardDbContext db, Guid[] ids, CancellationToken ct) =>
        await LoadAsync(db, db.Cards.Where(c => ids.Contains(c.Id) && c.MergedIntoId == null), ct);

    internal static async Task<List<(Guid Id, long Number, MatchFeatures Features)>> LoadAsync(DashboardDbContext db, IQueryable<CustomerCard> cards, CancellationToken ct)
    {
        var rows = await cards.AsNoTracking()
            .Select(c => new { c.Id, c.Number, c.Kind, c.Name, c.Company, c.Address, c.Postcode, c.DateOfBirth })
            .ToListAsync(ct);
        var contacts = (await db.ContactPoints.AsNoTracking()
                .Where(p => cards.Select(c => c.Id).Contains(p.CardId))
                .Select(p => new { p.CardId, p.Kind, p.Value })
                .ToListAsync(ct))
            .ToLookup(p => p.CardId);
        return rows.Select(r => (r.Id, r.Number, MatchFeatures.From(new MatchProfile(
                r.Kind, r.Name, r.Company, r.Address, r.Postcode, r.DateOfBirth,
                contacts[r.Id].Where(p => p.Kind == ContactKind.Phone).Select(p => p.Value).ToList(),
                contacts[r.Id].Where(p => p.Kind == ContactKind.Email).Select(p => p.Value).ToList()))))
            .ToList();
    }

    private sealed record ScanCard(long Number, MatchFeatures Features);

    private sealed class KeyRow
    {
        public string Key { get; set; } = string.Empty;

        public Guid CardId { get; set; }
    }
}
