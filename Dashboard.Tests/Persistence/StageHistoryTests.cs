using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Lifecycle;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Persistence;

public sealed class StageHistoryTests : ServiceTest
{
    [Fact]
    public async Task MovingThroughStages_RecordsEachMoveWithActorAndTime()
    {
        var card = await App.CreateCardAsync(SalesEast);
        var createdAt = App.Clock.UtcNow;

        var toNewAt = App.Clock.Advance(TimeSpan.FromDays(2));
        var toNew = await App.Cards.ChangeStageAsync(SalesEast, card.Id, card.Version, LifecycleStage.New);
        var toActiveAt = App.Clock.Advance(TimeSpan.FromDays(5));
        var toActive = await App.Cards.ChangeStageAsync(Actors.TeamLeadEast, card.Id, toNew.Value, LifecycleStage.Active);

        Assert.True(toActive.Succeeded, TestDashboard.Describe(toActive));
        var details = await App.GetCardAsync(SalesEast, card.Id);
        Assert.Equal(LifecycleStage.Active, details.Stage);
        Assert.Equal(
            [
                new(null, LifecycleStage.Prospect, "Zhang Wei", createdAt),
                new(LifecycleStage.Prospect, LifecycleStage.New, "Zhang Wei", toNewAt),
                new(LifecycleStage.New, LifecycleStage.Active, "Li Na", toActiveAt),
            ],
            details.StageHistory);
    }

    [Fact]
    public async Task CardCreatedAsNewCustomer_StartsItsHistoryAtNew()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual().InStage(LifecycleStage.New));

        var history = (await App.GetCardAsync(SalesEast, card.Id)).StageHistory;

        Assert.Equal((null, LifecycleStage.New), (Assert.Single(history).From, history[0].To));
    }

    [Fact]
    public async Task CreatingCardFurtherAlongThanNew_IsRejectedOnTheStageField()
    {
        var result = await App.Cards.CreateAsync(SalesEast, CardDraftBuilder.Individual().InStage(LifecycleStage.Active).Build());

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal("stage.initial", Assert.Single(result.ErrorsFor("Stage")).Code);
        Assert.Equal(0, await App.CountAsync(db => db.Cards));
    }

    [Fact]
    public async Task ForbiddenMove_IsRejectedAndChangesNothing()
    {
        var card = await App.CreateCardAsync(SalesEast);

        var result = await App.Cards.ChangeStageAsync(SalesEast, card.Id, card.Version, LifecycleStage.Active);

        Assert.Equal(CommandStatus.Invalid, result.Status);
        var error = Assert.Single(result.ErrorsFor("Stage"));
        Assert.Equal("A Prospect card can move only to: New, Churned.", error.Message);
        var details = await App.GetCardAsync(SalesEast, card.Id);
        Assert.Equal(LifecycleStage.Prospect, details.Stage);
        Assert.Equal(card.Version, details.Version);
        Assert.Single(details.StageHistory);
        Assert.DoesNotContain(await App.AuditTrailAsync(card.Code), e => e.Action == "card.stage-changed");
    }

    [Fact]
    public async Task ChurnedCustomer_CanBeReactivated()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual().InStage(LifecycleStage.New));
        App.Clock.Tick();
        var churned = await App.Cards.ChangeStageAsync(SalesEast, card.Id, card.Version, LifecycleStage.Churned);
        App.Clock.Tick();

        var reactivated = await App.Cards.ChangeStageAsync(SalesEast, card.Id, churned.Value, LifecycleStage.Active);

        Assert.True(reactivated.Succeeded, TestDashboard.Describe(reactivated));
        var history = (await App.GetCardAsync(SalesEast, card.Id)).StageHistory;
        Assert.Equal([LifecycleStage.New, LifecycleStage.Churned, LifecycleStage.Active], history.Select(h => h.To));
    }

    [Fact]
    public async Task StageChange_IsAuditedWithBeforeAndAfter()
    {
        var card = await App.CreateCardAsync(SalesEast);

        await App.Cards.ChangeStageAsync(SalesEast, card.Id, card.Version, LifecycleStage.New);

        var entry = (await App.AuditTrailAsync(card.Code))[0];
        Assert.Equal("card.stage-changed", entry.Action);
        Assert.Equal(new FieldChange("Stage", "Prospect", "New"), Assert.Single(entry.Changes));
    }
}
