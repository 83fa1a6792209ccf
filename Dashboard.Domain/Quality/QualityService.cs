using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Quality;

/// <summary>How far a run over all cards has got.</summary>
public sealed record QualityRecomputeProgress(int Checked, int Total, int Changed);

/// <summary>The outcome of a run over all cards: how many were scored and how many stored scores changed.</summary>
public sealed record QualityRecomputeReport(int Checked, int Changed, DateOnly AsOf, TimeSpan Elapsed);

/// <summary>A saved quality policy: its new version, and the run over all cards that followed (null when nothing changed).</summary>
public sealed record QualityPolicySaved(int Version, QualityRecomputeReport? Recompute);

/// <summary>
/// Changes the quality rules (Admins) and rescores all cards: after a rule change, on an Admin's request, and daily, since
/// time alone makes values stale. Cards are read in batches of <see cref="DefaultBatchSize"/> by number, each with its
/// contact points and custom values, its last activity summed by the database; only cards whose score changed are
/// written, in one transaction per batch, without moving their versions. Each run ends with one audit entry. One run at a time.
/// </summary>
public sealed class QualityService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock, ILogger<QualityService> logger) : IDisposable
{
    public const string PolicyChangedAction = "quality.policy-changed";
    public const string RecomputedAction = "quality.recomputed";
    public const int DefaultBatchSize = 2_000;
    private const string PolicyEntity = "QualityPolicy";

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Cards per transaction; small enough that other writers wait only briefly.</summary>
    internal int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Validates and saves new rules, then rescores every card with them before returning.</summary>
    public async Task<CommandResult<QualityPolicySaved>> SavePolicyAsync(Actor actor, int expectedVersion, QualityPolicyDraft draft, IProgress<QualityRecomputeProgress>? progress = null, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult<QualityPolicySaved>.From(CommandResult.Forbidden("Only an Admin can change the quality rules."));
        }

        var (rules, errors) = QualityPolicyValidator.Validate(draft);
        if (errors.Count > 0)
        {
            return CommandResult<QualityPolicySaved>.From(CommandResult.Invalid(errors));
        }

        int version;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var policy = await db.QualityPolicies.SingleAsync(ct);
            if (policy.Version != expectedVersion)
            {
                return CommandResult<QualityPolicySaved>.From(PolicyConflict());
            }

            var changes = AuditEntry.Diff(policy.Rules.Snapshot(), rules!.Snapshot());
            if (changes.Count == 0)
            {
                return new QualityPolicySaved(policy.Version, null);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            policy.Change(rules, actor.StaffId, now);
            AuditLog.Record(db, actor, now, PolicyChangedAction, PolicyEntity, policy.Id.ToString(CultureInfo.InvariantCulture),
                $"Quality rules changed: {string.Join(", ", changes.Select(c => c.Field))}", changes);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return CommandResult<QualityPolicySaved>.From(PolicyConflict());
            }

            version = policy.Version;
        }

        await _running.WaitAsync(ct);
        try
        {
            return new QualityPolicySaved(version, await RunAsync(actor, "the quality rules changed", progress, ct));
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Rescores every card now, for an Admin; refused while another run is going on.</summary>
    public async Task<CommandResult<QualityRecomputeReport>> RecomputeAllAsync(Actor actor, IProgress<QualityRecomputeProgress>? progress = null, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult<QualityRecomputeReport>.From(CommandResult.Forbidden("Only an Admin can rescore all cards."));
        }

        if (!await _running.WaitAsync(0, ct))
        {
            return CommandResult<QualityRecomputeReport>.From(CommandResult.Conflict("Quality scores are being recomputed already. Try again when that run has finished."));
        }

        try
        {
            return await RunAsync(actor, "requested by an Admin", progress, ct);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>The daily run, as the system; waits for a run that is going on.</summary>
    public async Task<QualityRecomputeReport> RecomputeOnScheduleAsync(IProgress<QualityRecomputeProgress>? progress = null, CancellationToken ct = default)
    {
        await _running.WaitAsync(ct);
        try
        {
            return await RunAsync(Actor.System, "daily schedule", progress, ct);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>
    /// Rescores some cards now, for features that change what the rules look at without saving the cards themselves
    /// (for example opening or closing a duplicate suspicion). Returns how many stored scores changed.
    /// </summary>
    public async Task<int> RescoreCardsAsync(IReadOnlyCollection<Guid> cardIds, CancellationToken ct = default)
    {
        var changed = 0;
        foreach (var chunk in cardIds.Distinct().Chunk(BatchSize))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var cards = await db.Cards.Where(c => chunk.Contains(c.Id))
                .Include(c => c.ContactPoints).Include(c => c.CustomFieldValues).AsSplitQuery().ToListAsync(ct);
            var rules = (await db.QualityPolicies.AsNoTracking().SingleAsync(ct)).Rules;
            changed += await QualityScoring.ScoreLoadedAsync(db, cards, rules, await QualityContext.LoadAsync(db, ct), clock.GetUtcNow().UtcDateTime, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return changed;
    }

    /// <summary>
    /// Scores the cards that other features left behind: cards never scored (for example created by an import) and
    /// cards whose stored duplicate suspicion no longer matches the duplicate queue (a scan found or a decision closed
    /// one). Cheap enough to run every few minutes. Returns how many stored scores changed.
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken ct = default)
    {
        List<Guid> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var open = QualityScoring.OpenSuspicions(db);
            var unflagged = await db.Cards.Where(c => open.Contains(c.Id) && (c.QualityFailures & QualityRule.SuspectedDuplicate) == 0).Select(c => c.Id).ToListAsync(ct);
            var behind = await db.Cards
                .Where(c => c.QualityScore == null || ((c.QualityFailures & QualityRule.SuspectedDuplicate) != 0 && !open.Contains(c.Id)))
                .Select(c => c.Id)
                .ToListAsync(ct);
            ids = [.. unflagged.Concat(behind).Distinct()];
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        var changed = await RescoreCardsAsync(ids, ct);
        logger.LogInformation("Rescored {Count} cards left behind by other features: {Changed} scores changed", ids.Count, changed);
        return changed;
    }

    public void Dispose() => _running.Dispose();

    private async Task<QualityRecomputeReport> RunAsync(Actor actor, string trigger, IProgress<QualityRecomputeProgress>? progress, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        QualityRuleSet rules;
        QualityContext context;
        int policyVersion;
        int total;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var policy = await db.QualityPolicies.AsNoTracking().SingleAsync(ct);
            (rules, policyVersion) = (policy.Rules, policy.Version);
            context = await QualityContext.LoadAsync(db, ct);
            total = await db.Cards.CountAsync(ct);
        }

        logger.LogInformation("Scoring the quality of {Total} cards as of {Today:yyyy-MM-dd} ({Trigger})", total, today, trigger);
        int checkedCount = 0, changed = 0;
        long after = 0;
        while (true)
        {
            var (count, last, batchChanged) = await ScoreBatchAsync(rules, context, now, after, ct);
            if (count == 0)
            {
                break;
            }

            (after, checkedCount, changed) = (last, checkedCount + count, changed + batchChanged);
            progress?.Report(new QualityRecomputeProgress(checkedCount, Math.Max(total, checkedCount), changed));
        }

        var report = new QualityRecomputeReport(checkedCount, changed, today, Stopwatch.GetElapsedTime(started));
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var policy = await db.QualityPolicies.SingleAsync(ct);
            if (policy.Version == policyVersion)
            {
                // Only a run with the current rules vouches for every card's score.
                policy.MarkRecomputed(now);
            }

            static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
            AuditLog.Record(db, actor, clock.GetUtcNow().UtcDateTime, RecomputedAction, PolicyEntity, policy.Id.ToString(CultureInfo.InvariantCulture),
                $"Scored the quality of {N(report.Checked)} cards as of {today:yyyy-MM-dd} ({trigger}): {N(report.Changed)} scores changed.",
                [
                    new FieldChange("Checked", null, report.Checked.ToString(CultureInfo.InvariantCulture)),
                    new FieldChange("Changed", null, report.Changed.ToString(CultureInfo.InvariantCulture)),
                    new FieldChange("Trigger", null, trigger),
                ]);
            await db.SaveChangesAsync(ct);
        }

        logger.LogInformation("Scored {Checked} cards in {Seconds:F1} s: {Changed} scores changed", report.Checked, report.Elapsed.TotalSeconds, report.Changed);
        return report;
    }

    /// <summary>
    /// One batch in one transaction: on SQLite it holds the write lock from the read on, so no save can slip in
    /// between reading a card and storing its score.
    /// </summary>
    private async Task<(int Count, long LastNumber, int Changed)> ScoreBatchAsync(QualityRuleSet rules, QualityContext context, DateTime now, long after, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var cards = await db.Cards.Where(c => c.Number > after).OrderBy(c => c.Number).Take(BatchSize)
            .Include(c => c.ContactPoints).Include(c => c.CustomFieldValues).AsSplitQuery().ToListAsync(ct);
        if (cards.Count == 0)
        {
            return (0, after, 0);
        }

        var changed = await QualityScoring.ScoreLoadedAsync(db, cards, rules, context, now, ct);
        if (changed > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return (cards.Count, cards[^1].Number, changed);
    }

    private static CommandResult PolicyConflict() =>
        CommandResult.Conflict("Someone else changed the quality rules after you opened them. Your changes were not saved: reload to see theirs, then apply yours again.");
}
