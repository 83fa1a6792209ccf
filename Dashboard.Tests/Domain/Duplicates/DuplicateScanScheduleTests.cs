using Dashboard.Domain.Duplicates;
using Dashboard.Tests.Support;
using Dashboard.Web.Duplicates;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain.Duplicates;

/// <summary>
/// The daily batch scan reads every card; a restart must not start another one when the last is less than a day old.
/// </summary>
public sealed class DuplicateScanScheduleTests : ServiceTest
{
    private static readonly DateTime Now = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void WithoutAnEarlierScan_TheFirstRunsAMinuteAfterStart() =>
        Assert.Equal(TimeSpan.FromMinutes(1), DuplicateScanRunner.FirstRunAfter(null, Now));

    [Fact]
    public void AfterAScanAnHourAgo_TheNextWaitsForTheRestOfTheDay() =>
        Assert.Equal(TimeSpan.FromHours(23), DuplicateScanRunner.FirstRunAfter(Now.AddHours(-1), Now));

    [Fact]
    public void AfterAScanTwoDaysAgo_TheNextRunsAMinuteAfterStart() =>
        Assert.Equal(TimeSpan.FromMinutes(1), DuplicateScanRunner.FirstRunAfter(Now.AddDays(-2), Now));

    [Fact]
    public async Task TheLastScan_IsReadFromItsAuditEntry()
    {
        var scanner = App.Services.GetRequiredService<DuplicateScanner>();
        var before = await scanner.LastScanAtAsync();
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678"));
        await scanner.ScanAsync();

        Assert.Null(before);
        Assert.Equal(App.Clock.UtcNow, await scanner.LastScanAtAsync());
    }
}
