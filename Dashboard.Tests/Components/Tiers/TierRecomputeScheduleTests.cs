using Dashboard.Web.Tiers;

namespace Dashboard.Tests.Components.Tiers;

/// <summary>The daily recompute falls at the configured time of day in the display time zone.</summary>
public sealed class TierRecomputeScheduleTests
{
    private static readonly TierRecomputeSchedule Shanghai = new(new TimeOnly(2, 0), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    [Fact]
    public void BeforeTheTime_TheNextRunIsTheSameLocalNight()
    {
        var now = new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero); // 01:00 on 3 March in Shanghai

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.Zero), Shanghai.Next(now));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 18, 0, 0, TimeSpan.Zero), Shanghai.Previous(now));
    }

    [Fact]
    public void AtOrAfterTheTime_TheNextRunIsTomorrow()
    {
        var at = new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.Zero);

        Assert.Equal(at.AddDays(1), Shanghai.Next(at));
        Assert.Equal(at, Shanghai.Previous(at));
    }

    [Fact]
    public void ATimeTheClocksSkip_RunsWhenTheyHaveMovedOn()
    {
        var berlin = new TierRecomputeSchedule(new TimeOnly(2, 30), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        // Summer time starts on 29 March 2026 at 02:00, which becomes 03:00 (01:00 UTC).
        var next = berlin.Next(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), next);
    }

    [Theory]
    [InlineData("02:00", 2, 0)]
    [InlineData(" 3:15 ", 3, 15)]
    [InlineData("23:59", 23, 59)]
    public void ATimeOfDay_IsReadAsHoursAndMinutes(string text, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), TierRecomputeSchedule.ParseTime(text));

    [Theory]
    [InlineData("25:00")]
    [InlineData("2 am")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElse_IsNotATime(string? text) => Assert.Null(TierRecomputeSchedule.ParseTime(text));
}
