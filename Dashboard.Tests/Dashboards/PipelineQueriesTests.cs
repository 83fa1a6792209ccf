using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Dashboards;

/// <summary>
/// The pipeline figures on a small fixture whose numbers were worked out by hand (see
/// <see cref="PipelineFixture"/>): March 2026, UTC, five cards owned by one East sales rep.
/// </summary>
public sealed class PipelineQueriesTests : ServiceTest
{
    private static readonly ReportingPeriod March = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), TimeZoneInfo.Utc);

    private PipelineQueries Pipeline => App.Services.GetRequiredService<PipelineQueries>();

    [Fact]
    public async Task Funnel_CountsCardsThatEnteredEachStageInThePeriod_WithTheirPurchaseValue()
    {
        await PipelineFixture.BuildAsync(App);

        var dashboard = await GetAsync(Actors.SalesManager);

        Assert.Equal(
            [
                (LifecycleStage.Prospect, 2, 200.00m),
                (LifecycleStage.New, 3, 1000.00m),
                (LifecycleStage.Active, 2, 1000.00m),
                (LifecycleStage.AtRisk, 0, 0m),
                (LifecycleStage.Churned, 1, 200.00m),
            ],
            dashboard.Funnel.Select(f => (f.Stage, f.Cards, f.Value)));
        Assert.Equal("CNY", dashboard.Currency);
    }

    [Fact]
    public async Task Conversions_FollowTheCardsThatEnteredAStageInThePeriod()
    {
        await PipelineFixture.BuildAsync(App);

        var dashboard = await GetAsync(Actors.SalesManager);

        (int Entered, int Moved, double? Rate) Of(LifecycleStage from, LifecycleStage to)
        {
            var c = dashboard.Conversions.Single(x => x.From == from && x.To == to);
            return (c.Entered, c.Moved, c.Rate);
        }

        Assert.Equal((2, 1, 0.5), Of(LifecycleStage.Prospect, LifecycleStage.New));
        Assert.Equal((2, 1, 0.5), Of(LifecycleStage.Prospect, LifecycleStage.Churned));
        Assert.Equal(3, Of(LifecycleStage.New, LifecycleStage.Active).Entered);
        Assert.Equal(2, Of(LifecycleStage.New, LifecycleStage.Active).Moved);
        Assert.Equal(2.0 / 3, Of(LifecycleStage.New, LifecycleStage.Active).Rate!.Value, 6);
        // C moved Active → At risk on 5 April, after the period.
        Assert.Equal((2, 0, 0.0), Of(LifecycleStage.Active, LifecycleStage.AtRisk));
        Assert.Equal((0, 0, null), Of(LifecycleStage.AtRisk, LifecycleStage.Active));
    }

    [Fact]
    public async Task TimeInStage_IsTheMedianOfStaysThatEndedInThePeriod()
    {
        await PipelineFixture.BuildAsync(App);

        var dashboard = await GetAsync(Actors.SalesManager);

        Assert.Equal(
            [
                (LifecycleStage.Prospect, 3, (double?)10),
                (LifecycleStage.New, 2, 15),
                (LifecycleStage.Active, 0, null),
                (LifecycleStage.AtRisk, 0, null),
                (LifecycleStage.Churned, 0, null),
            ],
            dashboard.TimeInStage.Select(t => (t.Stage, t.Stays, t.MedianDays is { } d ? Math.Round(d, 6) : (double?)null)));
    }

    [Fact]
    public async Task ValueByMonth_SumsTheReportingCurrency_AndCountsOtherCurrenciesApart()
    {
        await PipelineFixture.BuildAsync(App);

        var dashboard = await GetAsync(Actors.SalesManager);

        var month = Assert.Single(dashboard.ValueByMonth);
        Assert.Equal((new DateOnly(2026, 3, 1), 1200.00m, 3), (month.Month, month.Value, month.Purchases));
        Assert.Equal(1, dashboard.PurchasesInOtherCurrencies);
    }

    [Fact]
    public async Task Weeks_RunMondayToSunday_WithNewCardsAndCustomersContacted()
    {
        await PipelineFixture.BuildAsync(App);

        var dashboard = await GetAsync(Actors.SalesManager);

        Assert.Equal(
            [
                (new DateOnly(2026, 2, 23), 0, 0, 0),
                (new DateOnly(2026, 3, 2), 2, 0, 0),
                (new DateOnly(2026, 3, 9), 1, 0, 0),
                (new DateOnly(2026, 3, 16), 0, 2, 3),
                (new DateOnly(2026, 3, 23), 0, 0, 0),
                (new DateOnly(2026, 3, 30), 0, 0, 0),
            ],
            dashboard.Weeks.Select(w => (w.WeekStart, w.NewCards, w.CardsContacted, w.Interactions)));
    }

    [Fact]
    public async Task Weeks_AreCutInTheReportingTimeZone()
    {
        // 2026-03-08 17:00 UTC is Monday 9 March 01:00 in Shanghai.
        App.Clock.Advance(new DateTime(2026, 3, 8, 17, 0, 0, DateTimeKind.Utc) - App.Clock.UtcNow);
        Assert.True((await App.Cards.CreateAsync(SalesEast, CardDraftBuilder.Individual().Build())).Succeeded);
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var utc = await GetAsync(Actors.SalesManager);
        var local = await GetAsync(Actors.SalesManager, new DashboardFilter { Period = March with { TimeZone = shanghai } });

        Assert.Equal(new DateOnly(2026, 3, 2), utc.Weeks.Single(w => w.NewCards == 1).WeekStart);
        Assert.Equal(new DateOnly(2026, 3, 9), local.Weeks.Single(w => w.NewCards == 1).WeekStart);
    }

    [Fact]
    public async Task Tiers_CountCardsNow_InADonutAndStackedByOwner()
    {
        await CardWithTierAsync(SalesEast, CustomerTier.VIP);
        await CardWithTierAsync(SalesEast, CustomerTier.A);
        await CardWithTierAsync(Actors.SalesEastColleague, CustomerTier.A);
        await CardWithTierAsync(Actors.SalesEastColleague, CustomerTier.C);

        var dashboard = await GetAsync(Actors.SalesManager);

        Assert.Equal([(CustomerTier.VIP, 1), (CustomerTier.A, 2), (CustomerTier.C, 1)], dashboard.Tiers.Select(t => (t.Tier!.Value, t.Cards)));
        Assert.Equal(4, dashboard.TotalCards);
        var byOwner = dashboard.TiersByGroup.GroupBy(g => g.GroupName).ToDictionary(g => g.Key, g => g.Select(x => (x.Tier, x.Cards)).ToList());
        Assert.Equal([(CustomerTier.VIP, 1), (CustomerTier.A, 1)], byOwner[SalesEast.DisplayName].Select(x => (x.Tier!.Value, x.Cards)));
        Assert.Equal([(CustomerTier.A, 1), (CustomerTier.C, 1)], byOwner[Actors.SalesEastColleague.DisplayName].Select(x => (x.Tier!.Value, x.Cards)));
    }

    [Fact]
    public async Task Filters_AndVisibility_NarrowEveryFigure()
    {
        await PipelineFixture.BuildAsync(App);

        var west = await GetAsync(Actors.SalesWest);
        var otherOwner = await GetAsync(Actors.SalesManager, new DashboardFilter { Period = March, OwnerId = Actors.SalesWest.StaffId });
        var ownOwner = await GetAsync(Actors.SalesManager, new DashboardFilter { Period = March, OwnerId = SalesEast.StaffId });

        foreach (var empty in new[] { west, otherOwner })
        {
            Assert.All(empty.Funnel, f => Assert.Equal(0, f.Cards));
            Assert.Equal(0, empty.TotalCards);
            Assert.Equal(0m, empty.ValueByMonth.Sum(m => m.Value));
            Assert.All(empty.Weeks, w => Assert.Equal(0, w.NewCards + w.Interactions));
        }

        Assert.Equal(3, ownOwner.Funnel.Single(f => f.Stage == LifecycleStage.New).Cards);
    }

    [Theory]
    [InlineData("SalesManager")]
    [InlineData("SalesEast")]
    [InlineData("TeamLeadEast")]
    public async Task EverySegment_DrillsDownToAListWithTheSameCount(string who)
    {
        await PipelineFixture.BuildAsync(App);
        await CardWithTierAsync(Actors.SalesEastColleague, CustomerTier.VIP);
        var actor = who switch { "SalesEast" => SalesEast, "TeamLeadEast" => Actors.TeamLeadEast, _ => Actors.SalesManager };
        var filter = new DashboardFilter { Period = March, TeamId = SalesEast.TeamId };
        var dashboard = await GetAsync(actor, filter);

        async Task<int> ListedAsync(CardListQuery query)
        {
            var result = await App.Queries.ListAsync(actor, query with { TeamId = filter.TeamId, PageSize = 1 });
            return result.TotalCount;
        }

        foreach (var stage in dashboard.Funnel)
        {
            Assert.Equal(stage.Cards, await ListedAsync(new CardListQuery { Activity = new(CardActivity.ReachedStage, March, stage.Stage) }));
        }

        foreach (var week in dashboard.Weeks)
        {
            var days = new ReportingPeriod(week.WeekStart < March.From ? March.From : week.WeekStart, week.WeekStart.AddDays(6) > March.To ? March.To : week.WeekStart.AddDays(6), TimeZoneInfo.Utc);
            Assert.Equal(week.NewCards, await ListedAsync(new CardListQuery { Activity = new(CardActivity.Created, days) }));
            Assert.Equal(week.CardsContacted, await ListedAsync(new CardListQuery { Activity = new(CardActivity.Contacted, days) }));
        }

        foreach (var tier in dashboard.Tiers)
        {
            Assert.Equal(tier.Cards, await ListedAsync(new CardListQuery { Tier = tier.Tier, WithoutTier = tier.Tier is null }));
        }

        foreach (var slice in dashboard.TiersByGroup)
        {
            Assert.Equal(slice.Cards, await ListedAsync(new CardListQuery { OwnerId = Guid.Parse(slice.GroupKey), Tier = slice.Tier, WithoutTier = slice.Tier is null }));
        }

        Assert.Equal(6, dashboard.TotalCards);
        Assert.Equal(3, dashboard.Funnel.Single(f => f.Stage == LifecycleStage.New).Cards);
    }

    [Fact]
    public async Task FinanceAndAuditors_CannotOpenTheDashboard_AndABackwardsPeriodIsRefused()
    {
        Assert.Equal(CommandStatus.Forbidden, (await Pipeline.GetAsync(Actors.Finance, new DashboardFilter { Period = March })).Status);
        Assert.Equal(CommandStatus.Forbidden, (await Pipeline.GetAsync(Actors.Auditor, new DashboardFilter { Period = March })).Status);

        var backwards = await Pipeline.GetAsync(Actors.SalesManager, new DashboardFilter { Period = March with { From = March.To, To = March.From } });

        Assert.Equal(CommandStatus.Invalid, backwards.Status);
        Assert.Equal("period.order", Assert.Single(backwards.Errors).Code);
    }

    private async Task<PipelineDashboard> GetAsync(Actor actor, DashboardFilter? filter = null)
    {
        var result = await Pipeline.GetAsync(actor, filter ?? new DashboardFilter { Period = March });
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }

    private async Task CardWithTierAsync(Actor owner, CustomerTier tier)
    {
        var card = await App.CreateCardAsync(owner);
        var details = await App.GetCardAsync(owner, card.Id);
        if (details.Tier == tier)
        {
            return;
        }

        var version = details.Version;
        var result = await App.Cards.SetTierAsync(Actors.TeamLeadEast, card.Id, version, tier, "Agreed in the account review");
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
    }
}
