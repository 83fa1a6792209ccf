using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>An open duplicate suspicion costs the uniqueness weight (10); a stage contradicting the activity costs consistency (15).</summary>
public sealed class UniquenessAndConsistencyRuleTests
{
    private static readonly DateOnly Today = QualityFactsBuilder.Today;

    [Fact]
    public void AnOpenDuplicateSuspicion_FailsUniqueness()
    {
        var result = QualityFactsBuilder.Individual().With(f => f with { SuspectedDuplicate = true }).Score();

        Assert.Equal(90, result.Score);
        Assert.Equal((QualityRule.SuspectedDuplicate, QualityFinding.CardField), (Assert.Single(result.Findings).Rule, result.Findings[0].Field));
    }

    [Theory]
    [InlineData(-365, null, false)]
    [InlineData(-366, null, true)]
    [InlineData(-366, -10, false)]
    [InlineData(null, null, true)]
    public void AnActiveCard_NeedsAPurchaseOrInteractionWithinAYear(int? interactionDaysAgo, int? purchaseDaysAgo, bool fails)
    {
        DateOnly? Ago(int? days) => days is { } d ? Today.AddDays(d) : null;

        var result = QualityFactsBuilder.Individual().InStage(LifecycleStage.Active)
            .WithActivity(Ago(purchaseDaysAgo), Ago(interactionDaysAgo))
            .Score();

        Assert.Equal(fails ? 85 : 100, result.Score);
        Assert.Equal(fails, result.Failures.HasFlag(QualityRule.ActiveWithoutActivity));
        if (fails)
        {
            Assert.Equal(Ago(interactionDaysAgo), Assert.Single(result.Findings).Since);
        }
    }

    [Theory]
    [InlineData(-90, true)]
    [InlineData(-91, false)]
    public void AChurnedCard_ContradictsARecentPurchase(int purchaseDaysAgo, bool fails)
    {
        var result = QualityFactsBuilder.Individual().InStage(LifecycleStage.Churned)
            .WithActivity(Today.AddDays(purchaseDaysAgo), null)
            .Score();

        Assert.Equal(fails, result.Failures.HasFlag(QualityRule.ChurnedWithRecentPurchase));
        Assert.Equal(fails ? 85 : 100, result.Score);
    }

    [Fact]
    public void ProspectsWithoutActivity_AreConsistent()
    {
        Assert.Equal(100, QualityFactsBuilder.Individual().InStage(LifecycleStage.Prospect).Score().Score);
    }
}
