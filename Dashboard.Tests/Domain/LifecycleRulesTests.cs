using Dashboard.Domain.Lifecycle;

namespace Dashboard.Tests.Domain;

public sealed class LifecycleRulesTests
{
    [Theory]
    [InlineData(LifecycleStage.Prospect, LifecycleStage.New)]
    [InlineData(LifecycleStage.Prospect, LifecycleStage.Churned)]
    [InlineData(LifecycleStage.New, LifecycleStage.Active)]
    [InlineData(LifecycleStage.New, LifecycleStage.AtRisk)]
    [InlineData(LifecycleStage.New, LifecycleStage.Churned)]
    [InlineData(LifecycleStage.Active, LifecycleStage.AtRisk)]
    [InlineData(LifecycleStage.Active, LifecycleStage.Churned)]
    [InlineData(LifecycleStage.AtRisk, LifecycleStage.Active)]
    [InlineData(LifecycleStage.AtRisk, LifecycleStage.Churned)]
    [InlineData(LifecycleStage.Churned, LifecycleStage.Active)]
    public void AllowedMove_IsPermitted(LifecycleStage from, LifecycleStage to)
    {
        Assert.True(LifecycleRules.CanMove(from, to));
        Assert.Contains(to, LifecycleRules.NextStages(from));
    }

    [Theory]
    [InlineData(LifecycleStage.Prospect, LifecycleStage.Active)]
    [InlineData(LifecycleStage.Prospect, LifecycleStage.AtRisk)]
    [InlineData(LifecycleStage.New, LifecycleStage.Prospect)]
    [InlineData(LifecycleStage.Active, LifecycleStage.New)]
    [InlineData(LifecycleStage.Active, LifecycleStage.Prospect)]
    [InlineData(LifecycleStage.AtRisk, LifecycleStage.New)]
    [InlineData(LifecycleStage.Churned, LifecycleStage.New)]
    [InlineData(LifecycleStage.Churned, LifecycleStage.Prospect)]
    [InlineData(LifecycleStage.Churned, LifecycleStage.AtRisk)]
    public void SkippingAheadOrGoingBack_IsForbidden(LifecycleStage from, LifecycleStage to)
    {
        Assert.False(LifecycleRules.CanMove(from, to));
        Assert.DoesNotContain(to, LifecycleRules.NextStages(from));
    }

    [Theory]
    [InlineData(LifecycleStage.Prospect)]
    [InlineData(LifecycleStage.New)]
    [InlineData(LifecycleStage.Active)]
    [InlineData(LifecycleStage.AtRisk)]
    [InlineData(LifecycleStage.Churned)]
    public void StayingInTheSameStage_IsNotAMove(LifecycleStage stage)
    {
        Assert.False(LifecycleRules.CanMove(stage, stage));
    }

    [Fact]
    public void ChurnedCustomer_CanOnlyBeReactivated()
    {
        Assert.Equal([LifecycleStage.Active], LifecycleRules.NextStages(LifecycleStage.Churned));
    }

    [Theory]
    [InlineData(LifecycleStage.Prospect, true)]
    [InlineData(LifecycleStage.New, true)]
    [InlineData(LifecycleStage.Active, false)]
    [InlineData(LifecycleStage.AtRisk, false)]
    [InlineData(LifecycleStage.Churned, false)]
    public void NewCard_StartsAsProspectOrNewOnly(LifecycleStage stage, bool valid)
    {
        Assert.Equal(valid, LifecycleRules.IsValidInitial(stage));
    }

    [Fact]
    public void FunnelOrder_FollowsTheCustomerJourney()
    {
        var ordered = Enum.GetValues<LifecycleStage>().OrderBy(LifecycleRules.Order);

        Assert.Equal([LifecycleStage.Prospect, LifecycleStage.New, LifecycleStage.Active, LifecycleStage.AtRisk, LifecycleStage.Churned], ordered);
    }
}
