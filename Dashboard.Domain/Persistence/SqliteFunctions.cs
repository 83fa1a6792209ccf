namespace Dashboard.Domain.Persistence;

/// <summary>
/// SQLite's built-in date functions, mapped for LINQ so that date arithmetic and bucketing run in the
/// database. They throw if called outside a query.
/// </summary>
public static class SqliteFunctions
{
    /// <summary>SQLite <c>julianday(value)</c>: days since noon in Greenwich on November 24, 4714 B.C.</summary>
    public static double JulianDay(DateTime value) => throw new InvalidOperationException("Only for use in database queries.");

    /// <summary>SQLite <c>date(value, m1, m2, m3)</c>: the date after applying three modifiers, as YYYY-MM-DD.</summary>
    public static string Date(DateTime value, string modifier1, string modifier2, string modifier3) =>
        throw new InvalidOperationException("Only for use in database queries.");

    /// <summary>The modifiers that move a UTC time into a local week's Monday: offset, next Sunday, back six days.</summary>
    public static (string Offset, string Sunday, string Monday) WeekStartModifiers(TimeSpan utcOffset) =>
        (FormattableString.Invariant($"{(utcOffset < TimeSpan.Zero ? "-" : "+")}{(long)Math.Abs(utcOffset.TotalMinutes)} minutes"), "weekday 0", "-6 days");
}
