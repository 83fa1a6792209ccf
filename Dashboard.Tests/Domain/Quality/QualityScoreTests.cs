using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Tiers;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>The weighted score, its bands and the breakdown stored with it.</summary>
public sealed class QualityScoreTests
{
    private static readonly DateOnly Today = QualityFactsBuilder.Today;

    [Theory]
    [InlineData(100, QualityBand.Good)]
    [InlineData(80, QualityBand.Good)]
    [InlineData(79, QualityBand.Fair)]
    [InlineData(50, QualityBand.Fair)]
    [InlineData(49, QualityBand.Poor)]
    [InlineData(0, QualityBand.Poor)]
    public void Bands_AreGoodFrom80_FairFrom50_PoorBelow(int score, QualityBand band) =>
        Assert.Equal(band, QualityBands.Of(score));

    [Fact]
    public void ACardFailingEveryDimension_AddsUpToAPoorScore_WithEachRuleAndFieldNamed()
    {
        // Completeness 7 of 8 → 26.25; validity 4 of 4 → 20; freshness 0 of 2 → 0; uniqueness 0; consistency 0 → 46.25 → 46.
        var result = QualityFactsBuilder.Individual()
            .Without(QualityFields.Email)
            .InTier(CustomerTier.VIP).InStage(LifecycleStage.Active)
            .VerifiedOn(Today.AddDays(-31))
            .With(f => f with { SuspectedDuplicate = true })
            .Score();

        Assert.Equal((46, QualityBand.Poor), (result.Score, result.Band));
        Assert.Equal(
            [
                (QualityRule.MissingRecommended, "Email"),
                (QualityRule.Stale, "Name"),
                (QualityRule.Stale, "Phone"),
                (QualityRule.SuspectedDuplicate, "Card"),
                (QualityRule.ActiveWithoutActivity, "Stage"),
            ],
            result.Findings.Select(f => (f.Rule, f.Field)));
        Assert.Equal(
            QualityRule.MissingRecommended | QualityRule.Stale | QualityRule.SuspectedDuplicate | QualityRule.ActiveWithoutActivity,
            result.Failures);
        Assert.Equal([88, 100, 0, 0, 0], result.Dimensions.Select(d => d.Percent));
    }

    [Fact]
    public void TheBreakdown_RoundTripsThroughJson_WithoutAnyContactValue()
    {
        var result = QualityFactsBuilder.Individual().InTier(CustomerTier.VIP).VerifiedOn(null).Score();

        var json = QualityBreakdown.Of(result).ToJson();
        var back = QualityBreakdown.Parse(json);

        Assert.DoesNotContain("+86", json, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", json, StringComparison.Ordinal);
        Assert.Equal(result.Findings, back.Findings);
        Assert.Equal(result.Dimensions.Select(d => d.Percent), back.DimensionPercents);
        Assert.Equal(0, back.PercentOf(QualityDimension.Freshness));
    }

    [Fact]
    public void AnUnreadableBreakdown_ReadsAsEmpty()
    {
        Assert.Empty(QualityBreakdown.Parse("{not json").Findings);
        Assert.Empty(QualityBreakdown.Parse(null).DimensionPercents);
    }
}
