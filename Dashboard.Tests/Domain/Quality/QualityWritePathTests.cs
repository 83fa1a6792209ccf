using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>Every card write stores the card's new score in the same save; the daily run catches up with time.</summary>
public sealed class QualityWritePathTests : QualityTest
{
    [Fact]
    public async Task ANewCard_IsScoredInTheSameSave_NamingWhatIsMissing()
    {
        // Name and phone (required) but none of the four recommended fields: 4 of 8 → 30 × 0.5 + 70 = 85.
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual().WithPhone("13812345678"));

        var stored = await StoredAsync(card.Id);
        var explanation = await ExplainAsync(card.Id);

        Assert.Equal((85, QualityBand.Good, QualityRule.MissingRecommended), (stored.Score, stored.Band, stored.Failures));
        Assert.Equal(App.Clock.Today.AddDays(365), stored.DueOn);
        Assert.Equal(["Industry", "Region", "SourceChannel", "Email"], explanation.Breakdown.Findings.Select(f => f.Field));
        Assert.Equal(365, explanation.SlaDays);
        Assert.False(explanation.Overdue);
    }

    [Fact]
    public async Task EditingStageAndActivity_KeepTheScoreCurrent()
    {
        var card = await App.CreateCardAsync(SalesEast, await CompleteAsync());
        Assert.Equal(100, (await StoredAsync(card.Id)).Score);

        await MoveAsync(card.Id, LifecycleStage.New);
        await MoveAsync(card.Id, LifecycleStage.Active);
        Assert.Equal((85, QualityRule.ActiveWithoutActivity), ((await StoredAsync(card.Id)).Score!.Value, (await StoredAsync(card.Id)).Failures));

        App.Clock.Tick();
        Assert.True((await App.Cards.LogInteractionAsync(SalesEast, card.Id, new InteractionDraft { Summary = "Call about the order" })).Succeeded);
        Assert.Equal(100, (await StoredAsync(card.Id)).Score);

        Assert.True((await App.EditAsync(SalesEast, card.Id, d => d.Emails.Clear())).Succeeded);
        Assert.Equal((96, QualityRule.MissingRecommended), ((await StoredAsync(card.Id)).Score!.Value, (await StoredAsync(card.Id)).Failures));
    }

    [Fact]
    public async Task TimeAlone_MakesValuesStale_AndTheDailyRunRescoresWithoutMovingVersions()
    {
        var card = await App.CreateCardAsync(SalesEast, await CompleteAsync());
        var before = await StoredAsync(card.Id);

        App.Clock.Advance(TimeSpan.FromDays(366));
        var report = await RecomputeAsync();
        var after = await StoredAsync(card.Id);

        Assert.Equal((1, 1), (report.Checked, report.Changed));
        Assert.Equal((75, QualityBand.Fair, QualityRule.Stale), (after.Score, after.Band, after.Failures));
        Assert.Equal(before.Version, after.Version);
        Assert.True((await ExplainAsync(card.Id)).Overdue);
    }

    [Fact]
    public async Task RecomputingAfterSaves_ChangesNothing()
    {
        await App.CreateCardAsync(SalesEast, await CompleteAsync());
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company("上海星辰贸易有限公司").WithPhone("02161234567"));
        var active = await App.CreateCardAsync(Actors.SalesWest, await CompleteAsync("李雷", "13900001111", owner: Actors.SalesWest));
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("张三").WithEmail("zhang@example.com"));
        await MoveAsync(active.Id, LifecycleStage.New, Actors.SalesWest);

        var report = await RecomputeAsync();

        Assert.Equal((4, 0), (report.Checked, report.Changed));
    }

    private async Task MoveAsync(Guid cardId, LifecycleStage to, Dashboard.Domain.Access.Actor? actor = null)
    {
        actor ??= SalesEast;
        App.Clock.Tick();
        var version = (await App.GetCardAsync(actor, cardId)).Version;
        var result = await App.Cards.ChangeStageAsync(actor, cardId, version, to);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
    }
}
