using System.Globalization;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Tiers;

namespace Dashboard.Web.Components.Customers;

/// <summary>
/// The list filters as they appear in the URL, so a filtered list can be bookmarked and shared, and a
/// dashboard segment can link to exactly its cards.
/// </summary>
public sealed record CardFilters(
    string? Search,
    LifecycleStage? Stage,
    CustomerTier? Tier,
    Guid? OwnerId,
    int? TagId,
    int? RegionId,
    int? IndustryId,
    Guid? TeamId = null,
    bool WithoutTier = false,
    ActivityLink? Activity = null,
    QualityBand? Quality = null,
    bool Overdue = false,
    QualityRule? Rule = null,
    bool SharedContact = false)
{
    /// <summary>The value of the <c>tier</c> parameter that selects cards without a tier.</summary>
    public const string NoTier = "none";

    public static CardFilters None { get; } = new(null, null, null, null, null, null, null);

    /// <param name="today">The local day "overdue for verification" is judged on.</param>
    public CardListQuery ToQuery(CardSort sort, bool descending, int page, int pageSize, TimeZoneInfo timeZone, DateOnly? today = null) => new()
    {
        Search = Search,
        Stage = Stage,
        Tier = Tier,
        WithoutTier = Tier is null && WithoutTier,
        OwnerId = OwnerId,
        TeamId = TeamId,
        TagId = TagId,
        RegionId = RegionId,
        IndustryId = IndustryId,
        Activity = Activity?.ToFilter(timeZone),
        QualityBand = Quality,
        OverdueOn = Overdue ? today : null,
        FailingRule = Rule,
        SharesContact = SharedContact,
        SortBy = sort,
        Descending = descending,
        Page = page,
        PageSize = pageSize,
    };

    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Search) ? null : Search,
        ["stage"] = Stage?.ToString(),
        ["tier"] = Tier?.ToString() ?? (WithoutTier ? NoTier : null),
        ["owner"] = OwnerId?.ToString(),
        ["team"] = TeamId?.ToString(),
        ["tag"] = TagId,
        ["region"] = RegionId,
        ["industry"] = IndustryId,
        ["activity"] = Activity?.Kind.ToString(),
        ["reached"] = Activity?.Stage?.ToString(),
        ["from"] = Activity?.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = Activity?.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["quality"] = Quality?.ToString(),
        ["overdue"] = Overdue ? "true" : null,
        ["rule"] = Rule?.ToString(),
        ["shared"] = SharedContact ? "true" : null,
    };

    /// <summary>The URL of the customer list with these filters.</summary>
    public string ToListUrl()
    {
        var parts = ToQueryParameters()
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!)}");
        return "customers?" + string.Join('&', parts);
    }

    /// <summary>Reads the failing-rule parameter: one rule by name, anything else means no rule filter.</summary>
    public static QualityRule? ParseRule(string? rule) =>
        Enum.TryParse<QualityRule>(rule, ignoreCase: true, out var r) && QualityRules.All.Contains(r) && rule!.Any(char.IsLetter) ? r : null;

    /// <summary>Reads the activity parameters; anything malformed or incomplete means no activity filter.</summary>
    public static ActivityLink? ParseActivity(string? activity, string? reached, string? from, string? to)
    {
        if (!Enum.TryParse<CardActivity>(activity, ignoreCase: true, out var kind)
            || !DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            || start > end)
        {
            return null;
        }

        LifecycleStage? stage = Enum.TryParse<LifecycleStage>(reached, ignoreCase: true, out var s) ? s : null;
        return kind == CardActivity.ReachedStage && stage is null ? null : new ActivityLink(kind, start, end, kind == CardActivity.ReachedStage ? stage : null);
    }
}

/// <summary>An activity filter as the URL carries it: local dates, converted with the display time zone.</summary>
public sealed record ActivityLink(CardActivity Kind, DateOnly From, DateOnly To, LifecycleStage? Stage = null)
{
    public CardActivityFilter ToFilter(TimeZoneInfo timeZone) => new(Kind, new ReportingPeriod(From, To, timeZone), Stage);
}
