using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Tiers;

/// <summary>How far a run over all cards has got.</summary>
public sealed record TierRecomputeProgress(int Checked, int Total, int Changed);

/// <summary>
/// The outcome of a run over all cards: how many were checked, how many changed tier (effective or computed),
/// and how many had only their figures brought up to date.
/// </summary>
public sealed record TierRecomputeReport(int Checked, int Changed, int FiguresUpdated, DateOnly AsOf, TimeSpan Elapsed);

/// <summary>A saved tier policy: its new version, and the run over all cards that followed (null when nothing changed).</summary>
public sealed record TierPolicySaved(int Version, TierRecomputeReport? Recompute);

/// <summary>
/// Changes the tier rules (Admins) and recomputes the tiers of all cards: after a rule change, on an Admin's
/// request, and daily. Cards are read in batches of <see cref="DefaultBatchSize"/> by number, with their purchases
/// summed by the database; only cards whose figures or tiers differ are loaded and written. A card whose
/// tier changed gets an audit entry and a change notification; each run ends with one summary entry.
/// One run at a time.
/// </summary>
public sealed class TierService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    CardChangeNotifier notifier,
    IOptions<DashboardOptions> options,
    ILogger<TierService> logger) : IDisposable
{
    public const string PolicyChangedAction = "tiers.policy-changed";
    public const string RecomputedAction = "tiers.recomputed";
    public const int DefaultBatchSize = 2_000;
    private const int BatchAttempts = 3;
    private const string PolicyEntity = "TierPolicy";

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Cards per transaction; small enough that other writers wait only briefly.</summary>
    internal int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Validates and saves new rules, then recomputes every card with them before returning.</summary>
    public async Task<CommandResult<TierPolicySaved>> SavePolicyAsync(Actor actor, int expectedVersion, TierPolicyDraft draft, IProgress<TierRecomputeProgress>? progress = null, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult<TierPolicySaved>.From(CommandResult.Forbidden("Only an Admin can change the tier rules."));
        }

        var (rules, errors) = TierPolicyValidator.Validate(draft, options.Value.ReportingCurrency);
        if (errors.Count > 0)
        {
            return CommandResult<TierPolicySaved>.From(CommandResult.Invalid(errors));
        }

        int version;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var policy = await db.TierPolicies.SingleAsync(ct);
            if (policy.Version != expectedVersion)
            {
                return CommandResult<TierPolicySaved>.From(PolicyConflict());
            }

            var changes = AuditEntry.Diff(TierPolicy.Snapshot(policy.Rules), TierPolicy.Snapshot(rules!));
            if (changes.Count == 0)
            {
                return new TierPolicySaved(policy.Version, null);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            policy.Change(rules!, actor.StaffId, now);
            AuditLog.Record(db, actor, now, PolicyChangedAction, PolicyEntity, policy.Id.ToString(CultureInfo.InvariantCulture),
                $"Tier rules changed: {string.Join(", ", changes.Select(c => c.Field))}", changes);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return CommandResult<TierPolicySaved>.From(PolicyConflict());
            }

            version = policy.Version;
        }

        await _running.WaitAsync(ct);
        try
        {
            return new TierPolicySaved(version, await RunAsync(actor, "the tier rules changed", progress, ct));
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Recomputes every card now, for an Admin; refused while another run is going on.</summary>
    public async Task<CommandResult<TierRecomputeReport>> RecomputeAllAsync(Actor actor, IProgress<TierRecomputeProgress>? progress = null, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult<TierRecomputeReport>.From(CommandResult.Forbidden("Only an Admin can recompute all tiers."));
        }

        if (!await _running.WaitAsync(0, ct))
        {
            return CommandResult<TierRecomputeReport>.From(CommandResult.Conflict("Tiers are being recomputed already. Try again when that run has finished."));
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
    public async Task<TierRecomputeReport> RecomputeOnScheduleAsync(IProgress<TierRecomputeProgress>? progress = null, CancellationToken ct = default)
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

    public void Dispose() => _running.Dispose();

    private async Task<TierRecomputeReport> RunAsync(Actor actor, string trigger, IProgress<TierRecomputeProgress>? progress, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var currency = options.Value.ReportingCurrency;
        TierRules rules;
        int policyVersion;
        int total;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var policy = await db.TierPolicies.AsNoTracking().SingleAsync(ct);
            (rules, policyVersion) = (policy.Rules, policy.Version);
            total = await db.Cards.CountAsync(ct);
        }

        logger.LogInformation("Recomputing the tiers of {Total} cards as of {Today:yyyy-MM-dd} ({Trigger})", total, today, trigger);
        var run = new Batch(actor, rules, today, rules.WindowStart(today), currency, now);
        int checkedCount = 0, changed = 0, written = 0;
        long after = 0;
        while (true)
        {
            var outcome = await RecomputeBatchWithRetriesAsync(run, after, ct);
            if (outcome.Checked == 0)
            {
                break;
            }

            after = outcome.LastNumber;
            checkedCount += outcome.Checked;
            written += outcome.Written;
            changed += outcome.Changes.Count;
            foreach (var change in outcome.Changes)
            {
                notifier.Publish(change);
            }

            progress?.Report(new TierRecomputeProgress(checkedCount, Math.Max(total, checkedCount), changed));
        }

        var report = new TierRecomputeReport(checkedCount, changed, written - changed, today, Stopwatch.GetElapsedTime(started));
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var policy = await db.TierPolicies.SingleAsync(ct);
            if (policy.Version == policyVersion)
            {
                // Only a run with the current rules vouches for every card's figures.
                policy.MarkRecomputed(now);
            }

            static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
            FieldChange Count(string field, int value) => new(field, null, value.ToString(CultureInfo.InvariantCulture));
            AuditLog.Record(db, actor, clock.GetUtcNow().UtcDateTime, RecomputedAction, PolicyEntity, policy.Id.ToString(CultureInfo.InvariantCulture),
                $"Recomputed the tiers of {N(report.Checked)} cards as of {today:yyyy-MM-dd} ({trigger}): {N(report.Changed)} changed tier, {N(report.FiguresUpdated)} had only their figures updated.",
                [Count("Checked", report.Checked), Count("Changed", report.Changed), Count("FiguresUpdated", report.FiguresUpdated), new FieldChange("Trigger", null, trigger)]);
            await db.SaveChangesAsync(ct);
        }

        logger.LogInformation(
            "Recomputed the tiers of {Checked} cards in {Seconds:F1} s: {Changed} changed tier, {FiguresUpdated} figures updated",
            report.Checked, report.Elapsed.TotalSeconds, report.Changed, report.FiguresUpdated);
        return report;
    }

    private async Task<BatchOutcome> RecomputeBatchWithRetriesAsync(Batch run, long after, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RecomputeBatchAsync(run, after, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < BatchAttempts)
            {
                // A card changed between the read and the write (possible on servers without SQLite's write lock): read again.
                logger.LogDebug("Tier batch after card number {After} met a concurrent change; retrying", after);
            }
        }
    }

    /// <summary>
    /// One batch in one transaction: on SQLite it holds the write lock from the read on, so no purchase can be
    /// recorded between summing a card's purchases and storing the result.
    /// </summary>
    private async Task<BatchOutcome> RecomputeBatchAsync(Batch run, long after, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await CardTierRows.ReadAsync(
            db.Cards.Where(c => c.Number > after).OrderBy(c => c.Number).Take(BatchSize), run.WindowStart, run.Currency, ct);
        if (rows.Count == 0)
        {
            return new BatchOutcome(0, after, 0, []);
        }

        var stale = rows
            .Select(row => (row.Id, Row: row, Assessment: TierCalculator.Assess(row.Figures, run.Today, run.Rules)))
            .Where(x => x.Row.Differs(x.Assessment))
            .ToDictionary(x => x.Id, x => x.Assessment);
        var changes = new List<CardChange>();
        if (stale.Count > 0)
        {
            var ids = stale.Keys.ToList();
            var cards = await db.Cards.Where(c => ids.Contains(c.Id)).ToListAsync(ct);
            foreach (var card in cards)
            {
                var assessment = stale[card.Id];
                var (tierBefore, computedBefore) = (card.Tier, card.ComputedTier);
                if (card.ApplyTierAssessment(assessment, run.Actor.StaffId, run.Now))
                {
                    TierAudit.RecordComputed(db, run.Actor, run.Now, card, tierBefore, computedBefore, assessment, run.Currency);
                    changes.Add(CardChange.Of(card, CardChangeKind.TierChanged, run.Actor));
                }
            }

            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return new BatchOutcome(rows.Count, rows.Max(r => r.Number), stale.Count, changes);
    }

    private static CommandResult PolicyConflict() =>
        CommandResult.Conflict("Someone else changed the tier rules after you opened them. Your changes were not saved: reload to see theirs, then apply yours again.");

    private sealed record Batch(Actor Actor, TierRules Rules, DateOnly Today, DateOnly WindowStart, string Currency, DateTime Now);

    private sealed record BatchOutcome(int Checked, long LastNumber, int Written, List<CardChange> Changes);
}
