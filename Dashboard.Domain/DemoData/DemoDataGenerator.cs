using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Import;
using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.DemoData;

/// <summary>
/// Fills a database without cards with deterministic demo customer cards: a fixed seed always gives the
/// same names, codes, stages, contacts and amounts, with every time counted back from the current UTC date.
/// Each card is validated by <see cref="CardDraftValidator"/> and built through the <see cref="CustomerCard"/>
/// methods; the rows are then written in bulk (<see cref="CardRowWriter"/>) inside one transaction, so a
/// failed or cancelled run leaves nothing behind. Tiers are computed from the generated purchases with the
/// database's tier rules, as a recompute would compute them that day (about 3% are then set by hand). While it
/// runs, other connections can read (WAL) but their writes wait for the commit: about 10–20 s for 100,000 cards.
/// </summary>
public sealed class DemoDataGenerator(
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    IOptions<DashboardOptions> options,
    ILogger<DemoDataGenerator> logger)
{
    public const int DefaultSeed = 20261123;
    public const int MaxCards = 1_000_000;
    public const string AuditAction = "demo.seeded";
    private const int BatchSize = 2_000;

    /// <summary>SQLite page cache while generating (negative: KiB), so index pages stay in memory.</summary>
    private const int BulkCacheSizeKib = 524_288;

    /// <summary>
    /// A large generation commits every this many cards and folds the write-ahead log back into the file: in one
    /// transaction the log grows to gigabytes and every page read searches it, so the millionth card cost many times
    /// the first; likewise between the indexes built at the end. The price: a run that fails part-way leaves the cards
    /// written so far (and, should it fail while indexing, not all indexes): generate into a new database file then.
    /// </summary>
    private const int CommitEvery = 100_000;

    /// <summary>Creates <paramref name="cardCount"/> cards, the staff who own them, and one audit entry.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not between 1 and <see cref="MaxCards"/>.</exception>
    /// <exception cref="InvalidOperationException">The database already holds cards, or its lists are empty.</exception>
    public async Task<DemoDataReport> GenerateAsync(int cardCount, int seed = DefaultSeed, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (cardCount is < 1 or > MaxCards)
        {
            throw new ArgumentOutOfRangeException(nameof(cardCount), cardCount, $"Demo data can be generated for 1 to {MaxCards:N0} cards.");
        }

        var stopwatch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await db.Cards.AnyAsync(ct))
            {
                throw new InvalidOperationException(
                    "The database already holds customer cards. Demo data is generated only into a database without cards, " +
                    "so that running the generator again never duplicates data.");
            }

            var (owners, finance, staffCreated) = await EnsureStaffAsync(db, ct);
            var tierPolicy = await db.TierPolicies.SingleAsync(ct);
            var qualityPolicy = await db.QualityPolicies.SingleAsync(ct);
            var setting = new DemoSetting(
                await db.ListItems.AsNoTracking().ToListAsync(ct),
                await db.Tags.AsNoTracking().ToListAsync(ct),
                await db.CustomFields.AsNoTracking().Where(f => f.IsActive).ToListAsync(ct),
                owners,
                finance,
                clock.GetUtcNow().UtcDateTime.Date,
                tierPolicy.Rules,
                options.Value.ReportingCurrency,
                qualityPolicy.Rules);
            logger.LogInformation("Generating {Count} demo cards with seed {Seed}, dated up to {Reference:yyyy-MM-dd}", cardCount, seed, setting.ReferenceTime);

            var factory = new DemoCardFactory(setting, seed);
            var totals = new Totals();
            var sqliteTransaction = (SqliteTransaction)transaction.GetDbTransaction();
            using (var writer = new CardRowWriter(db.Model, connection, sqliteTransaction))
            using (var bulk = new BulkWriteSession(connection, sqliteTransaction, BulkCacheSizeKib))
            {
                bulk.DropIndexes(writer.Tables);
                bulk.SuspendSearchTriggers();
                var committed = 0;
                try
                {
                    await BuildAndWriteAsync(factory, writer, cardCount, totals, progress, () => { CommitAndCheckpoint(connection); committed = totals.Cards; }, ct);
                }
                catch (Exception failure) when (committed > 0)
                {
                    // What the open transaction holds is lost; the committed cards get their indexes and search rows back.
                    Exec(connection, "ROLLBACK", "BEGIN IMMEDIATE");
                    bulk.Complete(1, long.MaxValue);
                    Exec(connection, "COMMIT", "BEGIN");
                    throw new InvalidOperationException(
                        $"Generating demo data failed after {committed:N0} cards were committed; the database keeps them, with their indexes. " +
                        "Generate into a new database file.", failure);
                }

                var started = Stopwatch.GetTimestamp();
                if (totals.Cards >= CommitEvery)
                {
                    CommitAndCheckpoint(connection);
                    bulk.Complete(1, long.MaxValue, () => CommitAndCheckpoint(connection));
                }
                else
                {
                    bulk.Complete(1, long.MaxValue);
                }

                totals.IndexTime = Stopwatch.GetElapsedTime(started);
            }

            var report = new DemoDataReport(totals.Cards, totals.Interactions, totals.Purchases, totals.Remarks, TimeSpan.Zero)
            {
                ContactPoints = totals.ContactPoints,
                StageTransitions = totals.StageTransitions,
                StaffCreated = staffCreated,
                IncompleteCards = factory.Flaws.Incomplete,
                StaleCards = factory.Flaws.Stale,
                NearDuplicateCards = factory.Flaws.NearDuplicates,
            };
            var now = clock.GetUtcNow().UtcDateTime;

            // Every card's tier was computed for today with the current rules, as a recompute would.
            tierPolicy.MarkRecomputed(now);

            // Likewise every card's quality score, for the reference date.
            qualityPolicy.MarkRecomputed(now);
            RecordAudit(db, report, seed, setting.ReferenceTime, now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);

            report = report with { Elapsed = stopwatch.Elapsed };
            logger.LogInformation(
                "Generated {Cards} demo cards ({Interactions} interactions, {Purchases} purchases, {Remarks} remarks) in {Seconds:F1} s: building {BuildSeconds:F1} s alongside inserting {WriteSeconds:F1} s, then indexing {IndexSeconds:F1} s",
                report.Cards, report.Interactions, report.Purchases, report.Remarks, report.Elapsed.TotalSeconds,
                totals.BuildTime.TotalSeconds, totals.WriteTime.TotalSeconds, totals.IndexTime.TotalSeconds);
            return report;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Builds and encodes cards on a background thread while the previous batch is inserted, so both cores
    /// work. The builder runs alone and in order, so the cards stay deterministic.
    /// </summary>
    private static async Task BuildAndWriteAsync(DemoCardFactory factory, CardRowWriter writer, int cardCount, Totals totals, IProgress<int>? progress, Action checkpoint, CancellationToken ct)
    {
        var batches = Channel.CreateBounded<(List<CustomerCard> Cards, CardRowWriter.EncodedBatch Rows)>(
            new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var builder = Task.Run(
            async () =>
            {
                try
                {
                    for (var start = 1; start <= cardCount; start += BatchSize)
                    {
                        var end = Math.Min(cardCount, start + BatchSize - 1);
                        var batch = new List<CustomerCard>(end - start + 1);
                        var started = Stopwatch.GetTimestamp();
                        for (var number = start; number <= end; number++)
                        {
                            batch.Add(factory.Build(number));
                        }

                        var rows = writer.Encode(batch);
                        totals.BuildTime += Stopwatch.GetElapsedTime(started);
                        await batches.Writer.WriteAsync((batch, rows), stop.Token);
                    }
                }
                finally
                {
                    batches.Writer.TryComplete();
                }
            },
            stop.Token);

        try
        {
            await foreach (var (cards, rows) in batches.Reader.ReadAllAsync(stop.Token))
            {
                stop.Token.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                writer.Write(rows);
                Changes.CardEventDispatcher.Announce([.. cards.SelectMany(c => c.TakeEvents())]);
                var before = totals.Cards;
                totals.Add(cards);
                if (totals.Cards / CommitEvery > before / CommitEvery && totals.Cards < cardCount)
                {
                    checkpoint();
                }

                totals.WriteTime += Stopwatch.GetElapsedTime(started);
                progress?.Report(totals.Cards);
            }
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAny(builder);
            throw;
        }

        // Surfaces the builder's own failure, e.g. a card the rules rejected.
        await builder;
        if (totals.Cards != cardCount)
        {
            throw new InvalidOperationException($"Only {totals.Cards} of {cardCount} demo cards were built.");
        }
    }

    /// <summary>
    /// The demo users (one per role) and the extra sales reps, created where missing. Teams are found
    /// by name and created where missing. Cards go only to the Sales and TeamLead staff.
    /// </summary>
    private static async Task<(List<DemoOwner> Owners, StaffMember Finance, int Created)> EnsureStaffAsync(DashboardDbContext db, CancellationToken ct)
    {
        var teams = await db.Teams.ToListAsync(ct);
        var staff = await db.Staff.ToListAsync(ct);
        var created = 0;

        Guid? TeamId(string? name)
        {
            if (name is null)
            {
                return null;
            }

            var team = teams.FirstOrDefault(t => t.Name == name);
            if (team is null)
            {
                team = new Team(Guid.NewGuid(), name);
                teams.Add(team);
                db.Teams.Add(team);
            }

            return team.Id;
        }

        StaffMember Ensure(string externalId, string displayName, string email, string? teamName)
        {
            var member = staff.FirstOrDefault(s => s.ExternalId == externalId);
            if (member is null)
            {
                member = new StaffMember(Guid.NewGuid(), externalId, displayName, email, TeamId(teamName));
                staff.Add(member);
                db.Staff.Add(member);
                created++;
            }

            return member;
        }

        var demo = DemoUsers.All.ToDictionary(u => u.ExternalId, u => Ensure(u.ExternalId, u.DisplayName, u.Email, u.TeamName));
        var owners = new List<DemoOwner>
        {
            new(demo["demo-sales"], DemoVocabulary.DemoSalesWeight, IsTeamLead: false),
            new(demo["demo-teamlead"], DemoVocabulary.DemoTeamLeadWeight, IsTeamLead: true),
        };
        owners.AddRange(DemoVocabulary.Reps.Select(r => new DemoOwner(Ensure(r.ExternalId, r.DisplayName, r.Email, r.TeamName), r.Weight, IsTeamLead: false)));
        await db.SaveChangesAsync(ct);
        return (owners, demo["demo-finance"], created);
    }

    private static void RecordAudit(DashboardDbContext db, DemoDataReport report, int seed, DateTime reference, DateTime now)
    {
        static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var summary =
            $"Generated {N(report.Cards)} demo cards (seed {seed}, dated up to {reference:yyyy-MM-dd}): {N(report.ContactPoints)} contact points, " +
            $"{N(report.StageTransitions)} stage transitions, {N(report.Interactions)} interactions, {N(report.Purchases)} purchases, {N(report.Remarks)} remarks; " +
            $"{N(report.IncompleteCards)} incomplete, {N(report.StaleCards)} stale, {N(report.NearDuplicateCards)} near-duplicates; {N(report.StaffCreated)} staff members created.";
        FieldChange Count(string field, int value) => new(field, null, value.ToString(CultureInfo.InvariantCulture));
        AuditLog.Record(db, Actor.System, now, AuditAction, "DemoData", seed.ToString(CultureInfo.InvariantCulture), summary,
        [
            Count("Cards", report.Cards), Count("ContactPoints", report.ContactPoints), Count("StageTransitions", report.StageTransitions),
            Count("Interactions", report.Interactions), Count("Purchases", report.Purchases), Count("Remarks", report.Remarks),
            Count("IncompleteCards", report.IncompleteCards), Count("StaleCards", report.StaleCards), Count("NearDuplicateCards", report.NearDuplicateCards),
            Count("StaffCreated", report.StaffCreated),
        ]);
    }

    /// <summary>
    /// Commits what is written so far, folds the log into the file and goes on in a new transaction, on the
    /// connection itself: the transaction object the writer and the final save use stays valid and commits the rest.
    /// </summary>
    private static void CommitAndCheckpoint(SqliteConnection connection) =>
        Exec(connection, "COMMIT", "PRAGMA wal_checkpoint(TRUNCATE)", "BEGIN IMMEDIATE");

    /// <summary>Runs statements on the connection itself, beside the transaction objects that wrap it.</summary>
    private static void Exec(SqliteConnection connection, params string[] statements)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        foreach (var sql in statements)
        {
            var rc = SQLitePCL.raw.sqlite3_exec(handle, sql);
            if (rc != SQLitePCL.raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, handle);
            }
        }
    }

    private sealed class Totals
    {
        public int Cards { get; private set; }

        public int ContactPoints { get; private set; }

        public int StageTransitions { get; private set; }

        public int Interactions { get; private set; }

        public int Purchases { get; private set; }

        public int Remarks { get; private set; }

        /// <summary>Time spent building and encoding cards (on the builder thread).</summary>
        public TimeSpan BuildTime { get; set; }

        /// <summary>Time spent inserting rows.</summary>
        public TimeSpan WriteTime { get; set; }

        /// <summary>Time spent recreating the secondary indexes.</summary>
        public TimeSpan IndexTime { get; set; }

        public void Add(List<CustomerCard> batch)
        {
            foreach (var card in batch)
            {
                Cards++;
                ContactPoints += card.ContactPoints.Count;
                StageTransitions += card.StageHistory.Count;
                Interactions += card.Interactions.Count;
                Purchases += card.Purchases.Count;
                Remarks += card.Remarks.Count;
            }
        }
    }
}
