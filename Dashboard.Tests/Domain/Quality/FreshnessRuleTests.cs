using Dashboard.Domain.Customers;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Tiers;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>
/// Each basic field and contact point must have been verified within its tier's SLA (VIP 30, A 90, B 180, C and no tier
/// 365 days by default); freshness weighs 25 of 100. The builder's card has a name, a phone and an e-mail.
/// </summary>
public sealed class FreshnessRuleTests
{
    private static readonly DateOnly Today = QualityFactsBuilder.Today;

    [Fact]
    public void AVipValueVerified30DaysAgo_IsFresh_And31DaysAgo_IsStale()
    {
        var fresh = QualityFactsBuilder.Individual().InTier(CustomerTier.VIP).VerifiedOn(Today.AddDays(-30)).Score();
        var stale = QualityFactsBuilder.Individual().InTier(CustomerTier.VIP).VerifiedOn(Today.AddDays(-31)).Score();

        Assert.Equal(100, fresh.Score);
        Assert.Equal((75, QualityBand.Fair, QualityRule.Stale), (stale.Score, stale.Band, stale.Failures));
        Assert.Equal(
            [("Name", null), ("Phone", "Mobile"), ("Email", "Work")],
            stale.Findings.Select(f => (f.Field, f.Label)));
        Assert.All(stale.Findings, f => Assert.Equal((Today.AddDays(-31), Today.AddDays(-1)), (f.Since!.Value, f.DueOn!.Value)));
    }

    [Fact]
    public void OneStaleValueOfThree_CostsAThirdOfFreshness_AndSetsTheDueDate()
    {
        // 2 of 3 fresh: 25 × 2/3 = 16.67, + 75 = 91.67 → 92. The phone was due yesterday, the others in 30 days.
        var result = QualityFactsBuilder.Individual().InTier(CustomerTier.VIP)
            .With(f => f with { Contacts = [f.Contacts[0] with { LastVerifiedOn = Today.AddDays(-31) }, f.Contacts[1]] })
            .Score();

        Assert.Equal(92, result.Score);
        Assert.Equal(Today.AddDays(-1), result.VerificationDueOn);
        Assert.Equal(("Phone", "Mobile"), (Assert.Single(result.Findings).Field, result.Findings[0].Label));
    }

    [Theory]
    [InlineData(CustomerTier.B, false)]
    [InlineData(CustomerTier.A, true)]
    public void NeverVerifiedValues_CountFromTheCardsCreation(CustomerTier tier, bool stale)
    {
        // Created 2026-01-01, today 2026-06-30: 180 days. B allows 180 (due today), A 90 (due 2026-04-01).
        var result = QualityFactsBuilder.Individual().InTier(tier).VerifiedOn(null).Score();

        Assert.Equal(stale, result.Failures.HasFlag(QualityRule.Stale));
        Assert.All(result.Findings, f => Assert.Null(f.Since));
        Assert.Equal(QualityFactsBuilder.Created.AddDays(tier == CustomerTier.B ? 180 : 90), result.VerificationDueOn);
    }

    [Fact]
    public void ACardWithoutATier_FollowsTierC()
    {
        var result = QualityFactsBuilder.Individual().InTier(null).VerifiedOn(Today.AddDays(-366)).Score();

        Assert.True(result.Failures.HasFlag(QualityRule.Stale));
        Assert.Equal(Today.AddDays(-1), result.VerificationDueOn);
    }

    [Fact]
    public void TheSlaIsConfigurable()
    {
        var rules = QualityRuleSet.Default with { Sla = new FreshnessSla(7, 90, 180, 365) };

        var result = QualityFactsBuilder.Individual().InTier(CustomerTier.VIP).VerifiedOn(Today.AddDays(-8)).Score(rules);

        Assert.Equal(75, result.Score);
    }

    [Fact]
    public void OnlyFreshnessWeighed_TheScoreIsTheShareOfFreshValues()
    {
        var rules = QualityRuleSet.Default with { Weights = new QualityWeights(0, 0, 1, 0, 0) };

        var result = QualityFactsBuilder.Individual().InTier(CustomerTier.VIP)
            .WithContact(ContactKind.Phone, "Office", "+862161234567", Today.AddDays(-40))
            .Score(rules);

        // 3 of 4 fresh.
        Assert.Equal(75, result.Score);
    }
}
