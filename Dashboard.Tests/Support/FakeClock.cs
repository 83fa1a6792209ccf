namespace Dashboard.Tests.Support;

/// <summary>A clock the test moves by hand, so recorded times are known exactly.</summary>
public sealed class FakeClock : TimeProvider
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private DateTimeOffset _now;

    public FakeClock(DateTimeOffset? start = null) => _now = start ?? DefaultStart;

    /// <summary>The current time as the domain stores it (UTC).</summary>
    public DateTime UtcNow => _now.UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(_now.UtcDateTime);

    public override DateTimeOffset GetUtcNow() => _now;

    public DateTime Advance(TimeSpan by)
    {
        _now += by;
        return UtcNow;
    }

    /// <summary>Moves one minute on, the usual gap between two user actions in a test.</summary>
    public DateTime Tick() => Advance(TimeSpan.FromMinutes(1));
}
