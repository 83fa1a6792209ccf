using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Dashboards.Projection;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.ReferenceData;
using Dashboard.Domain.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Dashboards;

/// <summary>What one dashboard shows: whose cards (the viewer's scope), which filters, which period and grouping.</summary>
public sealed record PipelineView(bool AllCards, Guid? ScopeOwner, Guid? ScopeTeam, DashboardFilter Filter, TierGrouping Grouping, string Currency)
{
    internal string Key { get; } = string.Join('|',
        AllCards, ScopeOwner, ScopeTeam, Filter.Period.From.DayNumber, Filter.Period.To.DayNumber, Filter.Period.TimeZone.Id,
        Filter.OwnerId, Filter.TeamId, Filter.RegionId, Filter.IndustryId, Grouping, Currency);
}

/// <summary>
/// The pipeline dashboard's figures (PRODUCT.md C4), read from the pipeline projection in memory
/// (<see cref="PipelineStore"/>) with the definitions of <see cref="PipelineSqlQueries"/>. Every view (the viewer's
/// scope, filters, period, grouping) is computed once and shared by every screen showing it until a change touches
/// one of its cards; then it is computed once more, and <see cref="ViewsChanged"/> tells the screens showing it.
/// </summary>
public sealed class PipelineQueries : IDisposable
{
    /// <summary>At most this many owners or regions get their own bar in the tier breakdown.</summary>
    public const int MaxTierGroups = 25;

    private const int MaxCachedViews = 2_000;

    private readonly IDbContextFactory<DashboardDbContext> _dbFactory;
    private readonly PipelineStore _store;
    private readonly IOptions<DashboardOptions> _options;
    private readonly ConcurrentDictionary<string, CachedView> _views = new(StringComparer.Ordinal);
    private long _computations;

    public PipelineQueries(IDbContextFactory<DashboardDbContext> dbFactory, PipelineStore store, IOptions<DashboardOptions> options)
    {
        _dbFactory = dbFactory;
        _store = store;
        _options = options;
        _store.Updated += OnStoreUpdated;
    }

    /// <summary>Views whose figures changed; screens showing one of them ask again (and share one computation).</summary>
    public event Action<IReadOnlySet<string>>? ViewsChanged;

    /// <summary>How many views were computed since the start (a screen served from the cache adds none).</summary>
    public long Computations => Interlocked.Read(ref _computations);

    /// <summary>The view <paramref name="actor"/> sees for <paramref name="filter"/>; its <c>Key</c> is what <see cref="ViewsChanged"/> names.</summary>
    public PipelineView ViewOf(Actor actor, DashboardFilter filter, TierGrouping grouping = TierGrouping.Owner)
    {
        var all = CardAccess.CanViewAllCards(actor);
        return new PipelineView(all, all ? null : actor.StaffId, all ? null : actor.TeamId, filter, grouping, _options.Value.ReportingCurrency);
    }

    /// <summary>The key <see cref="ViewsChanged"/> names the view by.</summary>
    public static string KeyOf(PipelineView view) => view.Key;

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

        var view = ViewOf(actor, filter, grouping);
        if (_views.Count > MaxCachedViews)
        {
            // Views nobody opens again would otherwise pile up; the ones in use are computed again on demand.
            _views.Clear();
        }

        var cached = _views.GetOrAdd(view.Key, _ => new CachedView(view, new Lazy<Task<PipelineDashboard>>(() => Task.Run(() => ComputeAsync(view, CancellationToken.None)))));
        try
        {
            return await cached.Figures.Value.WaitAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // A failed computation is not kept: the next screen tries again.
            _views.TryRemove(new KeyValuePair<string, CachedView>(view.Key, cached));
            throw;
        }
    }

    /// <summary>Computes the view afresh, past the cache: what a change costs the first screen that asks (for the benchmarks).</summary>
    public async Task<PipelineDashboard> RecomputeAsync(Actor actor, DashboardFilter filter, TierGrouping grouping = TierGrouping.Owner, CancellationToken ct = default) =>
        await ComputeAsync(ViewOf(actor, filter, grouping), ct);

    public void Dispose() => _store.Updated -= OnStoreUpdated;

    private async Task<PipelineDashboard> ComputeAsync(PipelineView view, CancellationToken ct)
    {
        Interlocked.Increment(ref _computations);
        await _store.EnsureLoadedAsync(ct);
        var filter = view.Filter;
        var period = filter.Period;
        var months = ((period.To.Year - period.From.Year) * 12) + period.To.Month - period.From.Month + 1;
        var firstWeek = PipelineSqlQueries.WeekStart(period.From);
        var weeks = ((period.To.DayNumber - firstWeek.DayNumber) / 7) + 1;
        var totals = await _store.ReadAsync((data, _) =>
        {
            var question = Question(view);
            return question is null ? new PipelineTotals(months, weeks) : PipelineComputation.Run(data, question, months, firstWeek, weeks);
        }, ct);

        var funnel = Enum.GetValues<LifecycleStage>()
            .Select(s => new FunnelStage(s, totals.FunnelCards[(int)s], Customers.Purchase.FromMinorUnits(totals.FunnelMinor[(int)s])))
            .ToList();
        var conversions = Enum.GetValues<LifecycleStage>()
            .SelectMany(from => LifecycleRules.NextStages(from).Select(to => new StageConversion(from, to, totals.FunnelCards[(int)from], totals.Moved[(int)from, (int)to])))
            .ToList();
        var timeInStage = Enum.GetValues<LifecycleStage>()
            .Select(s => new StageDuration(s, totals.Stays[(int)s].Count, PipelineComputation.Median(totals.Stays[(int)s])))
            .ToList();
        var tiers = Enumerable.Range(0, 5).Where(i => totals.Tiers[i] > 0)
            .Select(i => new TierCount(i == 0 ? null : (CustomerTier)(i - 1), totals.Tiers[i]))
            .OrderBy(t => t.Tier is null ? int.MaxValue : (int)t.Tier)
            .ToList();
        var tiersByGroup = await GroupsAsync(view.Grouping, totals, ct);
        var monthly = new List<MonthlyValue>(months);
        for (var i = 0; i < months; i++)
        {
            monthly.Add(new MonthlyValue(new DateOnly(period.From.Year, period.From.Month, 1).AddMonths(i), Customers.Purchase.FromMinorUnits(totals.MonthMinor[i]), totals.MonthPurchases[i]));
        }

        var weekly = new List<WeeklyActivity>(weeks);
        for (var i = 0; i < weeks; i++)
        {
            weekly.Add(new WeeklyActivity(firstWeek.AddDays(7 * i), totals.WeekCreated[i], totals.WeekContacted[i], totals.WeekInteractions[i]));
        }

        return new PipelineDashboard(filter, view.Currency, funnel, conversions, timeInStage, tiers, tiersByGroup, monthly, weekly, totals.OtherCurrencies);
    }

    /// <summary>The question in the store's terms; null when a filter names someone the store has never seen (no card matches).</summary>
    private PipelineQuestion? Question(PipelineView view)
    {
        int Index(Guid? id) => id is { } value ? _store.IndexOf(value) : PipelineQuestion.Any;
        var filter = view.Filter;
        var owner = Index(filter.OwnerId);
        var team = Index(filter.TeamId);
        if ((filter.OwnerId is not null && owner < 0) || (filter.TeamId is not null && team < 0))
        {
            return null;
        }

        var scope = new ViewScope(view.AllCards, view.ScopeOwner is { } o ? _store.IndexOf(o) : -1, view.ScopeTeam is { } t ? _store.IndexOf(t) : -1);
        var period = filter.Period;
        return new PipelineQuestion(scope, owner, team, filter.RegionId ?? PipelineQuestion.Any, filter.IndustryId ?? PipelineQuestion.Any,
            period.StartUtc.Ticks, period.EndUtc.Ticks, period.From, period.To, period.UtcOffset.Ticks, _store.CurrencyIndex(view.Currency), view.Grouping);
    }

    private async Task<IReadOnlyList<TierGroupCount>> GroupsAsync(TierGrouping grouping, PipelineTotals totals, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        if (grouping == TierGrouping.Region)
        {
            var regionIds = totals.TiersByGroup.Keys.Where(k => k.Group >= 0).Select(k => k.Group).Distinct().ToList();
            var names = await db.ListItems.AsNoTracking().Where(i => i.Kind == ListKind.Region && regionIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
            return PipelineSqlQueries.Top(totals.TiersByGroup.Select(g => new TierGroupCount(
                g.Key.Group >= 0 ? g.Key.Group.ToString(CultureInfo.InvariantCulture) : string.Empty,
                g.Key.Group >= 0 ? names.GetValueOrDefault(g.Key.Group, "?") : string.Empty,
                g.Key.Tier == 0 ? null : (CustomerTier)(g.Key.Tier - 1),
                g.Value)));
        }

        var owners = totals.TiersByGroup.Keys.Select(k => _store.IdAt(k.Group)).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => owners.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        return PipelineSqlQueries.Top(totals.TiersByGroup.Select(g =>
        {
            var id = _store.IdAt(g.Key.Group);
            return new TierGroupCount(id.ToString(), staff.GetValueOrDefault(id, "?"), g.Key.Tier == 0 ? null : (CustomerTier)(g.Key.Tier - 1), g.Value);
        }));
    }

    /// <summary>Drops the views a burst of changes touched (a card that was, or now is, in the view), and names them.</summary>
    private void OnStoreUpdated(IReadOnlyList<(CardDimensions Before, CardDimensions After)> changes)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, cached) in _views)
        {
            var question = Question(cached.View);
            if (question is null || changes.Any(c => question.Admits(c.Before) || question.Admits(c.After)))
            {
                if (_views.TryRemove(new KeyValuePair<string, CachedView>(key, cached)))
                {
                    changed.Add(key);
                }
            }
        }

        if (changed.Count > 0)
        {
            ViewsChanged?.Invoke(changed);
        }
    }

    private sealed record CachedView(PipelineView View, Lazy<Task<PipelineDashboard>> Figures);
}
