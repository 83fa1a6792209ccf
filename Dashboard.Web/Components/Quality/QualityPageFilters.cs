using System.Globalization;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Quality;
using Dashboard.Web.Components.Customers;

namespace Dashboard.Web.Components.Quality;

/// <summary>
/// The quality page's filters as the URL carries them (owner, team, and the accuracy period in local dates), and the
/// customer list links that every figure drills down to, with the same conditions the figure counts by.
/// </summary>
public sealed record QualityPageFilters(DateOnly From, DateOnly To, Guid? OwnerId, Guid? TeamId)
{
    /// <summary>The default accuracy period: the last 90 days up to today.</summary>
    public static QualityPageFilters Default(DateOnly today) => new(today.AddDays(-89), today, null, null);

    /// <summary>Reads the URL; a missing or malformed period falls back to the last 90 days.</summary>
    public static QualityPageFilters Parse(DateOnly today, string? from, string? to, Guid? owner, Guid? team)
    {
        var fallback = Default(today);
        return new QualityPageFilters(TryDate(from) ?? fallback.From, TryDate(to) ?? fallback.To, owner, team);
    }

    public QualityPageFilter ToFilter(TimeZoneInfo timeZone, DateOnly today) => new()
    {
        Period = new ReportingPeriod(From, To, timeZone),
        Today = today,
        OwnerId = OwnerId,
        TeamId = TeamId,
    };

    public IReadOnlyDictionary<string, object?> ToQueryParameters() => new Dictionary<string, object?>
    {
        ["from"] = Format(From),
        ["to"] = Format(To),
        ["owner"] = OwnerId?.ToString(),
        ["team"] = TeamId?.ToString(),
    };

    /// <summary>The page's own scope, or one owner's or team's row within it.</summary>
    public ListScope Scope(Guid? ownerId = null, Guid? teamId = null) => new(ownerId ?? OwnerId, teamId ?? TeamId, this);

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? TryDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

/// <summary>Customer list links for the cards of one scope (owner and team) of the quality page.</summary>
public sealed record ListScope(Guid? OwnerId, Guid? TeamId, QualityPageFilters Page)
{
    public string Cards => Base.ToListUrl();

    public string Band(QualityBand band) => (Base with { Quality = band }).ToListUrl();

    public string Overdue => (Base with { Overdue = true }).ToListUrl();

    public string Failing(QualityRule rule) => (Base with { Rule = rule }).ToListUrl();

    public string SharingContacts => (Base with { SharedContact = true }).ToListUrl();

    /// <summary>Cards with a value confirmed or corrected during the page's period.</summary>
    public string Verified => (Base with { Activity = new ActivityLink(CardActivity.Verified, Page.From, Page.To) }).ToListUrl();

    private CardFilters Base => CardFilters.None with { OwnerId = OwnerId, TeamId = TeamId };
}
