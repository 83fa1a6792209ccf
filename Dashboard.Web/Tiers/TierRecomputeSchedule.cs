using System.Globalization;

namespace Dashboard.Web.Tiers;

/// <summary>A time of day in a time zone, and the instants it falls on.</summary>
public sealed class TierRecomputeSchedule(TimeOnly timeOfDay, TimeZoneInfo zone)
{
    public static readonly TimeOnly DefaultTime = new(2, 0);

    public TimeOnly TimeOfDay { get; } = timeOfDay;

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>Reads "HH:mm"; null when the text is not a time of day.</summary>
    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>The first scheduled instant after <paramref name="now"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        var at = On(today);
        return at > now ? at : On(today.AddDays(1));
    }

    /// <summary>The last scheduled instant at or before <paramref name="now"/>.</summary>
    public DateTimeOffset Previous(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        var at = On(today);
        return at <= now ? at : On(today.AddDays(-1));
    }

    private DateTimeOffset On(DateOnly day)
    {
        var local = day.ToDateTime(TimeOfDay, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            // The clocks skip this time on the day summer time starts: run when they have moved on.
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }
}
