using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.Dashboards;

/// <summary>Everything the pipeline dashboard shows for one filter, computed by grouped queries in the database.</summary>
public sealed record PipelineDashboard(
    DashboardFilter Filter,
    string Currency,
    IReadOnlyList<FunnelStage> Funnel,
    IReadOnlyList<StageConversion> Conversions,
    IReadOnlyList<StageDuration> TimeInStage,
    IReadOnlyList<TierCount> Tiers,
    IReadOnlyList<TierGroupCount> TiersByGroup,
    IReadOnlyList<MonthlyValue> ValueByMonth,
    IReadOnlyList<WeeklyActivity> Weeks,
    int PurchasesInOtherCurrencies)
{
    public int TotalCards => Tiers.Sum(t => t.Cards);
}

/// <summary>
/// Cards that entered <see cref="Stage"/> during the period (including cards created in it), and the
/// value those cards bought during the period in the reporting currency.
/// </summary>
public sealed record FunnelStage(LifecycleStage Stage, int Cards, decimal Value);

/// <summary>
/// Of the cards that entered <see cref="From"/> during the period, how many then moved on to
/// <see cref="To"/> before the period ended.
/// </summary>
public sealed record StageConversion(LifecycleStage From, LifecycleStage To, int Entered, int Moved)
{
    /// <summary>Moved ÷ entered, or null when nobody entered.</summary>
    public double? Rate => Entered == 0 ? null : (double)Moved / Entered;
}

/// <summary>Median days spent in a stage, over the stays in it that ended during the period.</summary>
public sealed record StageDuration(LifecycleStage Stage, int Stays, double? MedianDays);

/// <summary>Cards in a tier now (null: no tier yet).</summary>
public sealed record TierCount(CustomerTier? Tier, int Cards);

/// <summary>Cards in a tier now, for one owner or region (null id: cards without a region).</summary>
public sealed record TierGroupCount(string GroupKey, string GroupName, CustomerTier? Tier, int Cards);

/// <summary>Purchases dated in one calendar month of the period.</summary>
public sealed record MonthlyValue(DateOnly Month, decimal Value, int Purchases);

/// <summary>One week (Monday to Sunday, local time) of new cards and contact with customers.</summary>
public sealed record WeeklyActivity(DateOnly WeekStart, int NewCards, int CardsContacted, int Interactions);
