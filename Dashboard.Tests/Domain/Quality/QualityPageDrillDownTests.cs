using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
using Dashboard.Domain.ReferenceData;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>
/// Every number on the quality page opens a customer list of exactly that many cards. Fixture: six cards in two teams,
/// one complete, one incomplete, one Active without activity, one stale, one with a retired industry, two sharing a
/// phone, and verifications in the period.
/// </summary>
public sealed class QualityPageDrillDownTests : QualityTest
{
    [Theory]
    [InlineData("SalesManager", false)]
    [InlineData("SalesManager", true)]
    [InlineData("TeamLeadEast", false)]
    [InlineData("Admin", false)]
    public async Task EveryNumber_DrillsDownToAListWithTheSameCount(string who, bool eastOnly)
    {
        await BuildAsync();
        var actor = who switch { "TeamLeadEast" => Actors.TeamLeadEast, "Admin" => Actors.Admin, _ => Actors.SalesManager };
        var filter = new QualityPageFilter
        {
            Period = new ReportingPeriod(App.Clock.Today.AddDays(-89), App.Clock.Today, TimeZoneInfo.Utc),
            Today = App.Clock.Today,
            TeamId = eastOnly ? SalesEast.TeamId : null,
        };
        var result = await QualityQueries.GetDashboardAsync(actor, filter);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        var page = result.Value!;

        async Task<int> ListedAsync(CardListQuery query, Guid? ownerId = null, Guid? teamId = null) =>
            (await App.Queries.ListAsync(actor, query with { OwnerId = ownerId ?? filter.OwnerId, TeamId = teamId ?? filter.TeamId, PageSize = 1 })).TotalCount;

        async Task CheckAsync(QualityFigures figures, AccuracyFigures accuracy, Guid? ownerId, Guid? teamId)
        {
            Assert.Equal(figures.Cards, await ListedAsync(new CardListQuery(), ownerId, teamId));
            foreach (var band in QualityBands.All)
            {
                Assert.Equal(figures.InBand(band), await ListedAsync(new CardListQuery { QualityBand = band }, ownerId, teamId));
            }

            Assert.Equal(figures.Overdue, await ListedAsync(new CardListQuery { OverdueOn = filter.Today }, ownerId, teamId));
            foreach (var rule in QualityRules.All)
            {
                Assert.Equal(figures.Failing.GetValueOrDefault(rule), await ListedAsync(new CardListQuery { FailingRule = rule }, ownerId, teamId));
            }

            Assert.Equal(accuracy.CardsVerified, await ListedAsync(new CardListQuery { Activity = new CardActivityFilter(CardActivity.Verified, filter.Period) }, ownerId, teamId));
        }

        await CheckAsync(page.Overall, page.Accuracy, null, null);
        Assert.Equal(page.CardsSharingContacts, await ListedAsync(new CardListQuery { SharesContact = true }));
        foreach (var owner in page.Owners)
        {
            await CheckAsync(owner.Figures, owner.Accuracy, Guid.Parse(owner.Key), null);
        }

        foreach (var team in page.Teams)
        {
            await CheckAsync(team.Figures, team.Accuracy, null, Guid.Parse(team.Key));
        }

        var all = who != "TeamLeadEast" && !eastOnly;
        Assert.Equal(all ? 6 : 4, page.Overall.Cards);
        Assert.Equal(all ? 1 : 0, page.Overall.InvalidValues);
        Assert.Equal(all ? 1 : 0, page.Overall.Overdue);
        Assert.Equal(1, page.Overall.Failing[QualityRule.ActiveWithoutActivity]);
        Assert.Equal((1, 2), (page.SharedValues, page.CardsSharingContacts));
        Assert.Equal(2, Assert.Single(page.SharedContacts).Cards.Count);
        Assert.Equal(1, page.Accuracy.CardsVerified);
        Assert.Equal(page.Overall.Cards, page.Owners.Sum(o => o.Figures.Cards));
    }

    private async Task BuildAsync()
    {
        // West: one card that will be stale (created 370 days before the end), one whose industry is retired.
        var stale = await App.CreateCardAsync(Actors.SalesWest, await CompleteAsync("周杰", "13900003333", owner: Actors.SalesWest));
        App.Clock.Advance(TimeSpan.FromDays(200));
        var retail = await App.ListItemIdAsync(ListKind.Industry, "Retail");
        await App.CreateCardAsync(Actors.SalesWest, (await CompleteAsync("李雷", "13900001111", owner: Actors.SalesWest)).InIndustry(retail));

        // East: complete; incomplete; the colleague's card with the same phone as the first; one Active without activity.
        await App.CreateCardAsync(SalesEast, await CompleteAsync("王小明", "13812345678"));
        var incomplete = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("孙丽").WithPhone("13611112222"));
        await App.CreateCardAsync(Actors.SalesEastColleague, await CompleteAsync("王晓明", "138 1234 5678", owner: Actors.SalesEastColleague));
        var active = await App.CreateCardAsync(SalesEast, await CompleteAsync("钱进", "13533334444"));
        await MoveAsync(active.Id, LifecycleStage.New);
        await MoveAsync(active.Id, LifecycleStage.Active);

        App.Clock.Advance(TimeSpan.FromDays(170));
        Assert.True((await App.ReferenceData.SetItemActiveAsync(Actors.Admin, retail, false)).Succeeded);
        var details = await CardAsync(incomplete.Id);
        Assert.True((await VerifyAsync(SalesEast, incomplete.Id,
            Field(QualityFields.Name, VerificationOutcome.Confirmed),
            Contact(details.Phones[0], VerificationOutcome.Corrected, "13611113333"))).Succeeded);
        await RecomputeAsync();
        Assert.Equal(QualityRule.Stale, (await StoredAsync(stale.Id)).Failures);
    }

    private async Task MoveAsync(Guid cardId, LifecycleStage to)
    {
        App.Clock.Tick();
        var version = (await App.GetCardAsync(SalesEast, cardId)).Version;
        Assert.True((await App.Cards.ChangeStageAsync(SalesEast, cardId, version, to)).Succeeded);
    }
}
