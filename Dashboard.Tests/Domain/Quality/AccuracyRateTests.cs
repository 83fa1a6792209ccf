using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Quality;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>
/// Accuracy rate = confirmed ÷ (confirmed + corrected) over a period, by owner and team; unreachable values count in
/// neither. Fixture (all in March 2026, UTC):
/// <list type="bullet">
/// <item>A, Zhang Wei's (East): name and phone confirmed, e-mail corrected → 2 / 3.</item>
/// <item>B, Zhao Min's (East), verified by the team lead: name confirmed, phone unreachable → 1 / 1.</item>
/// <item>C, Chen Jie's (West): name and phone corrected → 0 / 2.</item>
/// </list>
/// By hand: East 3 confirmed, 1 corrected → 75 %; West 0 %; all 3 of 6 → 50 %.
/// </summary>
public sealed class AccuracyRateTests : QualityTest
{
    private static readonly ReportingPeriod March = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), TimeZoneInfo.Utc);

    [Fact]
    public void TheRate_IsConfirmedOverConfirmedPlusCorrected()
    {
        Assert.Equal(0.75, new AccuracyFigures(Confirmed: 3, Corrected: 1, Unreachable: 5, CardsVerified: 2).Rate);
        Assert.Null(new AccuracyFigures(0, 0, 4, 0).Rate);
        Assert.Equal(new AccuracyFigures(3, 3, 1, 3), AccuracyFigures.Sum([new(2, 1, 0, 1), new(1, 0, 1, 1), new(0, 2, 0, 1)]));
    }

    [Fact]
    public async Task ASalesManager_SeesTheRateOverall_PerOwner_AndPerTeam()
    {
        await BuildAsync();

        var page = await PageAsync(Actors.SalesManager);

        Assert.Equal((3, 3, 1, 3, 0.5), (page.Accuracy.Confirmed, page.Accuracy.Corrected, page.Accuracy.Unreachable, page.Accuracy.CardsVerified, page.Accuracy.Rate!.Value));
        var owners = page.Owners.ToDictionary(o => o.Name, o => (o.Accuracy.Confirmed, o.Accuracy.Corrected, o.Accuracy.Rate));
        Assert.Equal((2, 1, 2.0 / 3), owners[SalesEast.DisplayName]);
        Assert.Equal((1, 0, 1.0), owners[Actors.SalesEastColleague.DisplayName]);
        Assert.Equal((0, 2, 0.0), owners[Actors.SalesWest.DisplayName]);
        var teams = page.Teams.ToDictionary(t => t.Name, t => (t.Accuracy.Rate, t.Accuracy.CardsVerified));
        Assert.Equal((0.75, 2), teams[Actors.EastTeam]);
        Assert.Equal((0.0, 1), teams[Actors.WestTeam]);
    }

    [Fact]
    public async Task ATeamLead_SeesOnlyTheirTeam_AndSalesCannotOpenThePage()
    {
        await BuildAsync();

        var page = await PageAsync(Actors.TeamLeadEast);
        var sales = await QualityQueries.GetDashboardAsync(SalesEast, new QualityPageFilter { Period = March, Today = App.Clock.Today });

        Assert.Equal((3, 1, 0.75), (page.Accuracy.Confirmed, page.Accuracy.Corrected, page.Accuracy.Rate!.Value));
        Assert.DoesNotContain(page.Owners, o => o.Name == Actors.SalesWest.DisplayName);
        Assert.Equal(CommandStatus.Forbidden, sales.Status);
    }

    [Fact]
    public async Task OnlyVerificationsInThePeriod_Count()
    {
        var (a, _, _) = await BuildAsync();
        App.Clock.Advance(new DateTime(2026, 4, 2, 9, 0, 0, DateTimeKind.Utc) - App.Clock.UtcNow);
        Assert.True((await VerifyAsync(SalesEast, a, Field(QualityFields.Name, VerificationOutcome.Corrected, "王大明"))).Succeeded);

        var march = await PageAsync(Actors.SalesManager);
        var april = await PageAsync(Actors.SalesManager, March with { From = new DateOnly(2026, 4, 1), To = new DateOnly(2026, 4, 30) });

        Assert.Equal((3, 3), (march.Accuracy.Confirmed, march.Accuracy.Corrected));
        Assert.Equal((0, 1, 0.0), (april.Accuracy.Confirmed, april.Accuracy.Corrected, april.Accuracy.Rate!.Value));
    }

    private async Task<(Guid A, Guid B, Guid C)> BuildAsync()
    {
        var a = (await App.CreateCardAsync(SalesEast, await CompleteAsync())).Id;
        var b = (await App.CreateCardAsync(Actors.SalesEastColleague, await CompleteAsync("赵敏", "13700001111", owner: Actors.SalesEastColleague))).Id;
        var c = (await App.CreateCardAsync(Actors.SalesWest, await CompleteAsync("李雷", "13900001111", owner: Actors.SalesWest))).Id;
        var (da, db, dc) = (await CardAsync(a), await CardAsync(b), await CardAsync(c));

        await VerifiedAsync(SalesEast, a,
            Field(QualityFields.Name, VerificationOutcome.Confirmed),
            Contact(da.Phones[0], VerificationOutcome.Confirmed),
            Contact(da.Emails[0], VerificationOutcome.Corrected, "wang.xiaoming@example.com"));
        await VerifiedAsync(Actors.TeamLeadEast, b,
            Field(QualityFields.Name, VerificationOutcome.Confirmed),
            Contact(db.Phones[0], VerificationOutcome.Unreachable));
        await VerifiedAsync(Actors.SalesWest, c,
            Field(QualityFields.Name, VerificationOutcome.Corrected, "李蕾"),
            Contact(dc.Phones[0], VerificationOutcome.Corrected, "13900002222"));
        return (a, b, c);
    }

    private async Task VerifiedAsync(Actor actor, Guid cardId, params VerificationItem[] items)
    {
        var result = await VerifyAsync(actor, cardId, items);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
    }

    private async Task<QualityDashboard> PageAsync(Actor actor, ReportingPeriod? period = null)
    {
        var result = await QualityQueries.GetDashboardAsync(actor, new QualityPageFilter { Period = period ?? March, Today = App.Clock.Today });
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }
}
