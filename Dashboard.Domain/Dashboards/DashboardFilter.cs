using Dashboard.Domain.Common;

namespace Dashboard.Domain.Dashboards;

/// <summary>
/// A span of whole local days, <see cref="From"/> to <see cref="To"/> inclusive, in the time zone the
/// company reports in. Stored times are UTC, so the period also gives its UTC bounds.
/// </summary>
public sealed record ReportingPeriod(DateOnly From, DateOnly To, TimeZoneInfo TimeZone)
{
    /// <summary>The longest period a dashboard accepts (ten years).</summary>
    public const int MaxDays = 3660;

    /// <summary>The first instant of the period, UTC.</summary>
    public DateTime StartUtc => ToUtc(From);

    /// <summary>The first instant after the period, UTC (exclusive bound).</summary>
    public DateTime EndUtc => ToUtc(To.AddDays(1));

    /// <summary>The time zone's offset at the start of the period; weekly buckets use this one offset.</summary>
    public TimeSpan UtcOffset => TimeZone.GetUtcOffset(StartUtc);

    /// <summary>The last <paramref name="months"/> months up to and including <paramref name="today"/>.</summary>
    public static ReportingPeriod LastMonths(DateOnly today, int months, TimeZoneInfo timeZone) =>
        new(today.AddMonths(-months).AddDays(1), today, timeZone);

    /// <summary>Checks the period a user typed or a URL carried.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        if (From > To)
        {
            return [new FieldError(nameof(From), "period.order", "The start of the period must not be after its end.")];
        }

        return To.DayNumber - From.DayNumber >= MaxDays
            ? [new FieldError(nameof(From), "period.too-long", "Choose a period of at most ten years.")]
            : [];
    }

    private DateTime ToUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a daylight-saving change starts the day an hour later.
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, TimeZone);
    }
}

/// <summary>Which cards and which period a dashboard shows; the same filters drill down into the customer list.</summary>
public sealed record DashboardFilter
{
    public required ReportingPeriod Period { get; init; }

    public Guid? OwnerId { get; init; }

    public Guid? TeamId { get; init; }

    public int? RegionId { get; init; }

    public int? IndustryId { get; init; }

    /// <summary>True when no card attribute narrows the dashboard (only the period and the actor's visibility).</summary>
    public bool HasCardFilters => OwnerId is not null || TeamId is not null || RegionId is not null || IndustryId is not null;
}

/// <summary>How the tier breakdown is split into bars.</summary>
public enum TierGrouping
{
    Owner,
    Region,
}
