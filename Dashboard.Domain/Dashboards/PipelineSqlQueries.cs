using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.ReferenceData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Dashboards;

/// <summary>
/// The pipeline dashboard's figures (PRODUCT.md C4) as grouped queries over the card tables: the definitions the
/// figures had before the projection, kept as the oracle the projection is tested against and as the baseline the
/// benchmarks compare with. The application reads <see cref="PipelineQueries"/>, which serves the same figures from
/// the projection.
/// </summary>
public sealed class PipelineSqlQueries(IDbContextFactory<DashboardDbContext> dbFactory, IOptions<DashboardOptions> options)
{
    /// <summary>At most this many owners or regions get their own bar in the tier breakdown.</summary>
    public const int MaxTierGroups = PipelineQueries.MaxTierGroups;

    public async Task<CommandResult<PipelineDashboard>> GetAsync(Actor actor, DashboardFilter filter, TierGrouping grouping = TierGrouping.Owner, CancellationToken ct = default)
    {
        if (!CardAccess.CanViewDashboards(actor))
        {
            return CommandResult<PipelineDashboard>.From(CommandResult.Forbidden("Your role cannot see the pipeline dashboard."));
        }

        var invalid = filter.Period.Validate();
        if (invalid.Count > 0)
        {
            return CommandResult<PipelineDashboard>.From(CommandResult.Invalid(invalid));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = new Scope(db, actor, filter);
        var currency = options.Value.ReportingCurrency;

        var funnel = await FunnelAsync(scope, currency, ct);
        var conversions = await ConversionsAsync(scope, funnel, ct);
        var timeInStage = await TimeInStageAsync(scope, ct);
        var tiers = await scope.Cards.GroupBy(c => c.Tier).Select(g => new TierCount(g.Key, g.Count())).ToListAsync(ct);
        var tiersByGroup = await TiersByGroupAsync(scope, grouping, ct);
        var (months, otherCurrencies) = await ValueByMonthAsync(scope, currency, ct);
        var weeks = await WeeksAsync(scope, ct);

        return new PipelineDashboard(
            filter,
            currency,
            funnel,
            conversions,
            timeInStage,
            tiers.OrderBy(t => t.Tier is null ? int.MaxValue : (int)t.Tier).ToList(),
            tiersByGroup,
            months,
            weeks,
            otherCurrencies);
    }

    private static async Task<IReadOnlyList<FunnelStage>> FunnelAsync(Scope scope, string currency, CancellationToken ct)
    {
        var entries = scope.EntriesInPeriod();
        var counts = await entries
            .GroupBy(t => t.To)
            .Select(g => new { Stage = g.Key, Cards = g.Select(t => t.CardId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Stage, x => x.Cards, ct);

        var period = scope.Filter.Period;
        var reached = entries.Select(t => new { t.To, t.CardId }).Distinct();
        var values = await (
                from r in reached
                join p in scope.Db.Purchases on r.CardId equals p.CardId
                where p.PurchasedOn >= period.From && p.PurchasedOn <= period.To && p.Currency == currency
                group p.AmountMinor by r.To into g
                select new { Stage = g.Key, Minor = g.Sum() })
            .ToDictionaryAsync(x => x.Stage, x => x.Minor, ct);

        return Enum.GetValues<LifecycleStage>()
            .Select(s => new FunnelStage(s, counts.GetValueOrDefault(s), Customers.Purchase.FromMinorUnits(values.GetValueOrDefault(s))))
            .ToList();
    }

    private static async Task<IReadOnlyList<StageConversion>> ConversionsAsync(Scope scope, IReadOnlyList<FunnelStage> funnel, CancellationToken ct)
    {
        var end = scope.Filter.Period.EndUtc;
        var moved = await (
                from e in scope.EntriesInPeriod()
                from x in scope.Db.StageTransitions
                where x.CardId == e.CardId && x.From == e.To && x.At >= e.At && x.At < end
                select new { From = e.To, x.To, x.CardId })
            .Distinct()
            .GroupBy(m => new { m.From, m.To })
            .Select(g => new { g.Key.From, g.Key.To, Cards = g.Count() })
            .ToListAsync(ct);

        var entered = funnel.ToDictionary(f => f.Stage, f => f.Cards);
        return Enum.GetValues<LifecycleStage>()
            .SelectMany(from => LifecycleRules.NextStages(from).Select(to => new StageConversion(
                from,
                to,
                entered.GetValueOrDefault(from),
                moved.FirstOrDefault(m => m.From == from && m.To == to)?.Cards ?? 0)))
            .ToList();
    }

    private static async Task<IReadOnlyList<StageDuration>> TimeInStageAsync(Scope scope, CancellationToken ct)
    {
        var period = scope.Filter.Period;
        var (start, end) = (period.StartUtc, period.EndUtc);
        var allTransitions = scope.Db.StageTransitions;

        // A stay ends with a move out of the stage; it began with the latest move into that stage before it.
        var stays =
            from x in scope.Transitions
            where x.From != null && x.At >= start && x.At < end
            let enteredAt = allTransitions.Where(e => e.CardId == x.CardId && e.To == x.From && e.At <= x.At).Max(e => (DateTime?)e.At)
            where enteredAt != null
            select new { Stage = x.From!.Value, Days = SqliteFunctions.JulianDay(x.At) - SqliteFunctions.JulianDay(enteredAt!.Value) };

        var counts = await stays.GroupBy(s => s.Stage).Select(g => new { Stage = g.Key, Stays = g.Count() }).ToListAsync(ct);
        var result = new List<StageDuration>();
        foreach (var stage in Enum.GetValues<LifecycleStage>())
        {
            var n = counts.FirstOrDefault(c => c.Stage == stage)?.Stays ?? 0;
            double? median = null;
            if (n > 0)
            {
                // The middle one or two durations, picked by the database.
                var middle = await stays.Where(s => s.Stage == stage).Select(s => s.Days).OrderBy(d => d)
                    .Skip((n - 1) / 2).Take(n % 2 == 0 ? 2 : 1).ToListAsync(ct);
                median = middle.Average();
            }

            result.Add(new StageDuration(stage, n, median));
        }

        return result;
    }

    private static async Task<IReadOnlyList<TierGroupCount>> TiersByGroupAsync(Scope scope, TierGrouping grouping, CancellationToken ct)
    {
        if (grouping == TierGrouping.Region)
        {
            var byRegion = await scope.Cards.GroupBy(c => new { c.RegionId, c.Tier })
                .Select(g => new { g.Key.RegionId, g.Key.Tier, Cards = g.Count() }).ToListAsync(ct);
            var regionIds = byRegion.Where(r => r.RegionId != null).Select(r => r.RegionId!.Value).Distinct().ToList();
            var names = await scope.Db.ListItems.AsNoTracking().Where(i => i.Kind == ListKind.Region && regionIds.Contains(i.Id))
                .ToDictionaryAsync(i => i.Id, i => i.Name, ct);
            return Top(byRegion.Select(r => new TierGroupCount(
                r.RegionId?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                r.RegionId is { } id ? names.GetValueOrDefault(id, "?") : string.Empty,
                r.Tier,
                r.Cards)));
        }

        var byOwner = await scope.Cards.GroupBy(c => new { c.OwnerId, c.Tier })
            .Select(g => new { g.Key.OwnerId, g.Key.Tier, Cards = g.Count() }).ToListAsync(ct);
        var ownerIds = byOwner.Select(o => o.OwnerId).Distinct().ToList();
        var owners = await scope.Db.Staff.AsNoTracking().Where(s => ownerIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        return Top(byOwner.Select(o => new TierGroupCount(o.OwnerId.ToString(), owners.GetValueOrDefault(o.OwnerId, "?"), o.Tier, o.Cards)));
    }

    /// <summary>Keeps the groups with the most cards, largest first, so the chart stays readable.</summary>
    internal static List<TierGroupCount> Top(IEnumerable<TierGroupCount> rows)
    {
        var list = rows.ToList();
        var keep = list.GroupBy(r => r.GroupKey)
            .OrderByDescending(g => g.Sum(r => r.Cards)).ThenBy(g => g.First().GroupName, StringComparer.Ordinal)
            .Take(MaxTierGroups)
            .Select((g, i) => (g.Key, Rank: i))
            .ToDictionary(x => x.Key, x => x.Rank);
        return list.Where(r => keep.ContainsKey(r.GroupKey)).OrderBy(r => keep[r.GroupKey]).ThenBy(r => r.Tier).ToList();
    }

    private static async Task<(IReadOnlyList<MonthlyValue> Months, int OtherCurrencies)> ValueByMonthAsync(Scope scope, string currency, CancellationToken ct)
    {
        var period = scope.Filter.Period;
        var rows = await scope.Purchases
            .Where(p => p.PurchasedOn >= period.From && p.PurchasedOn <= period.To)
            .GroupBy(p => new { p.PurchasedOn.Year, p.PurchasedOn.Month })
            .Select(g => new
            {
                g.Key.Year,
                g.Key.Month,
                Purchases = g.Count(),
                Minor = g.Sum(p => p.Currency == currency ? p.AmountMinor : 0),
                Other = g.Sum(p => p.Currency == currency ? 0 : 1),
            })
            .ToListAsync(ct);

        var months = new List<MonthlyValue>();
        for (var month = new DateOnly(period.From.Year, period.From.Month, 1); month <= period.To; month = month.AddMonths(1))
        {
            var row = rows.FirstOrDefault(r => r.Year == month.Year && r.Month == month.Month);
            months.Add(new MonthlyValue(month, Customers.Purchase.FromMinorUnits(row?.Minor ?? 0), row?.Purchases ?? 0));
        }

        return (months, rows.Sum(r => r.Other));
    }

    private static async Task<IReadOnlyList<WeeklyActivity>> WeeksAsync(Scope scope, CancellationToken ct)
    {
        var period = scope.Filter.Period;
        var (start, end) = (period.StartUtc, period.EndUtc);
        var (offset, sunday, monday) = SqliteFunctions.WeekStartModifiers(period.UtcOffset);

        var created = await scope.Cards
            .Where(c => c.CreatedAt >= start && c.CreatedAt < end)
            .GroupBy(c => SqliteFunctions.Date(c.CreatedAt, offset, sunday, monday))
            .Select(g => new { Week = g.Key, Cards = g.Count() })
            .ToDictionaryAsync(x => x.Week, x => x.Cards, ct);
        var contacted = await scope.Interactions
            .Where(i => i.OccurredAt >= start && i.OccurredAt < end)
            .GroupBy(i => SqliteFunctions.Date(i.OccurredAt, offset, sunday, monday))
            .Select(g => new { Week = g.Key, Interactions = g.Count(), Cards = g.Select(i => i.CardId).Distinct().Count() })
            .ToDictionaryAsync(x => x.Week, ct);

        var weeks = new List<WeeklyActivity>();
        for (var week = WeekStart(period.From); week <= period.To; week = week.AddDays(7))
        {
            var key = week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var contact = contacted.GetValueOrDefault(key);
            weeks.Add(new WeeklyActivity(week, created.GetValueOrDefault(key), contact?.Cards ?? 0, contact?.Interactions ?? 0));
        }

        return weeks;
    }

    /// <summary>The Monday on or before <paramref name="day"/>.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The cards, transitions, purchases and interactions a dashboard counts for one actor and filter.</summary>
    private sealed class Scope
    {
        public Scope(DashboardDbContext db, Actor actor, DashboardFilter filter)
        {
            Db = db;
            Filter = filter;
            // A merged card lives on in its survivor, which now holds its history, purchases and interactions.
            var cards = db.Cards.AsNoTracking().Where(CardAccess.VisibleCards(actor)).Where(c => c.MergedIntoId == null);
            if (filter.OwnerId is { } ownerId)
            {
                cards = cards.Where(c => c.OwnerId == ownerId);
            }

            if (filter.TeamId is { } teamId)
            {
                cards = cards.Where(c => c.TeamId == teamId);
            }

            if (filter.RegionId is { } regionId)
            {
                cards = cards.Where(c => c.RegionId == regionId);
            }

            if (filter.IndustryId is { } industryId)
            {
                cards = cards.Where(c => c.IndustryId == industryId);
            }

            Cards = cards;

            // Without filters a manager sees everything, so the child tables are read without a join to the cards.
            var narrowed = filter.HasCardFilters || !CardAccess.CanViewAllCards(actor);
            Transitions = narrowed ? db.StageTransitions.Where(t => cards.Any(c => c.Id == t.CardId)) : db.StageTransitions;
            Purchases = narrowed ? db.Purchases.Where(p => cards.Any(c => c.Id == p.CardId)) : db.Purchases;
            Interactions = narrowed ? db.Interactions.Where(i => cards.Any(c => c.Id == i.CardId)) : db.Interactions;
        }

        public DashboardDbContext Db { get; }

        public DashboardFilter Filter { get; }

        public IQueryable<CustomerCard> Cards { get; }

        public IQueryable<StageTransition> Transitions { get; }

        public IQueryable<Purchase> Purchases { get; }

        public IQueryable<Interaction> Interactions { get; }

        /// <summary>Moves into a stage (and creations) during the period.</summary>
        public IQueryable<StageTransition> EntriesInPeriod()
        {
            var (start, end) = (Filter.Period.StartUtc, Filter.Period.EndUtc);
            return Transitions.Where(t => t.At >= start && t.At < end);
        }
    }
}
