using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Quality;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>The daily snapshot: once a day, for all cards and per team, feeding the trend; no history is made up.</summary>
public sealed class QualitySnapshotTests : QualityTest
{
    [Fact]
    public async Task ADaysSnapshot_IsTakenOnce_ForAllCardsAndEachTeam_AndFeedsTheTrend()
    {
        await App.CreateCardAsync(SalesEast, await CompleteAsync());
        await App.CreateCardAsync(Actors.SalesWest, CardDraftBuilder.Individual("李雷").WithPhone("13900001111").OwnedBy(Actors.SalesWest));
        var today = App.Clock.Today;

        Assert.True(await Snapshots.TakeAsync(today, TimeZoneInfo.Utc));
        Assert.False(await Snapshots.TakeAsync(today, TimeZoneInfo.Utc));

        // All: 100 and 85 → 92.5; the East team: 100.
        var all = await TrendAsync(Actors.SalesManager, null);
        var east = await TrendAsync(Actors.TeamLeadEast, null);
        Assert.Equal((today, 92.5, 2, 0), (all.Day, all.AverageScore!.Value, all.Cards, all.Overdue));
        Assert.Equal((100.0, 1), (east.AverageScore!.Value, east.Cards));
        Assert.Equal(3, await App.CountAsync(db => db.QualitySnapshots));
    }

    [Fact]
    public async Task WithoutSnapshots_TheTrendIsEmpty()
    {
        await App.CreateCardAsync(SalesEast, await CompleteAsync());

        var page = await QualityQueries.GetDashboardAsync(Actors.SalesManager, Filter(null));

        Assert.Empty(page.Value!.Trend);
    }

    private async Task<QualityTrendPoint> TrendAsync(Dashboard.Domain.Access.Actor actor, Guid? teamId)
    {
        var result = await QualityQueries.GetDashboardAsync(actor, Filter(teamId));
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return Assert.Single(result.Value!.Trend);
    }

    private QualityPageFilter Filter(Guid? teamId) => new()
    {
        Period = new ReportingPeriod(App.Clock.Today.AddDays(-29), App.Clock.Today, TimeZoneInfo.Utc),
        Today = App.Clock.Today,
        TeamId = teamId,
    };
}
