using System.Globalization;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;
using Dashboard.Web.Components.Customers;

namespace Dashboard.Web.Components.Dashboards;

/// <summary>
/// The pipeline dashboard's filters as the URL carries them: owner, team, region, industry, the
/// period in local dates, and how tiers are split. Each chart segment turns them into list filters.
/// </summary>
public sealed record PipelineFilters(DateOnly From, DateOnly To, Guid? OwnerId, Guid? TeamId, int? RegionId, int? IndustryId, TierGrouping GroupTiersBy)
{
    /// <summary>The default period: the last twelve months up to today.</summary>
    public static PipelineFilters Default(DateOnly today) =>
        new(today.AddMonths(-12).AddDays(1), today, null, null, null, null, TierGrouping.Owner);

    /// <summary>Reads the URL; a missing or malformed period falls back to the last twelve months.</summary>
    public static PipelineFilters Parse(DateOnly today, string? from, string? to, Guid? owner, Guid? team, int? region, int? industry, string? by)
    {
        var fallback = Default(today);
        var start = TryDate(from) ?? fallback.From;
        var end = TryDate(to) ?? fallback.To;
        var grouping = Enum.TryParse<TierGrouping>(by, ignoreCase: true, out var g) ? g : TierGrouping.Owner;
        return new PipelineFilters(start, end, owner, team, region, industry, grouping);
    }

    public DashboardFilter ToFilter(TimeZoneInfo timeZone) => new()
    {
        Period = new ReportingPeriod(From, To, timeZone),
        OwnerId = OwnerId,
        TeamId = TeamId,
        RegionId = RegionId,
        IndustryId = IndustryId,
    };

    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        ["from"] = Format(From),
        ["to"] = Format(To),
        ["owner"] = OwnerId?.ToString(),
        ["team"] = TeamId?.ToString(),
        ["region"] = RegionId,
        ["industry"] = IndustryId,
        ["by"] = GroupTiersBy == TierGrouping.Owner ? null : GroupTiersBy.ToString(),
    };

    /// <summary>The customer list showing the cards that entered <paramref name="stage"/> during the period.</summary>
    public string ReachedStageUrl(LifecycleStage stage) =>
        ListFilters() with { Activity = new ActivityLink(CardActivity.ReachedStage, From, To, stage) } is var f ? f.ToListUrl() : string.Empty;

    /// <summary>The customer list of cards in a tier now (null: without a tier), optionally one owner's or region's.</summary>
    public string TierUrl(CustomerTier? tier, string? groupKey = null)
    {
        var filters = ListFilters() with { Tier = tier, WithoutTier = tier is null };
        if (!string.IsNullOrEmpty(groupKey))
        {
            filters = GroupTiersBy == TierGrouping.Owner
                ? filters with { OwnerId = Guid.Parse(groupKey) }
                : filters with { RegionId = int.Parse(groupKey, CultureInfo.InvariantCulture) };
        }

        return filters.ToListUrl();
    }

    /// <summary>The customer list of cards with an activity during the given days, clipped to the period.</summary>
    public string ActivityUrl(CardActivity kind, DateOnly first, DateOnly last)
    {
        var start = first < From ? From : first;
        var end = last > To ? To : last;
        return (ListFilters() with { Activity = new ActivityLink(kind, start, end) }).ToListUrl();
    }

    private CardFilters ListFilters() => CardFilters.None with { OwnerId = OwnerId, TeamId = TeamId, RegionId = RegionId, IndustryId = IndustryId };

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? TryDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
