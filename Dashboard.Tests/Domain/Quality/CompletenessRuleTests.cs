using Dashboard.Domain.Customers;
using Dashboard.Domain.Quality;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>Required fields weigh 2 and recommended 1 in the completeness dimension (weight 30 of 100 by default).</summary>
public sealed class CompletenessRuleTests
{
    [Fact]
    public void ACompleteFreshCard_Scores100_WithNothingFailing()
    {
        var result = QualityFactsBuilder.Individual().Score();

        Assert.Equal((100, QualityBand.Good, QualityRule.None), (result.Score, result.Band, result.Failures));
        Assert.Empty(result.Findings);
        Assert.All(result.Dimensions, d => Assert.Equal(100, d.Percent));
    }

    [Fact]
    public void MissingRecommendedFields_CostHalfAsMuchAsRequiredOnes_AndAreEachNamed()
    {
        // Individual: required name (2) + phone (2), recommended e-mail, industry, region, source (1 each) = 8.
        // Without the four recommended fields: 4 of 8 → 30 × 0.5 + 70 = 85.
        var result = QualityFactsBuilder.Individual()
            .Without(QualityFields.Email | QualityFields.Industry | QualityFields.Region | QualityFields.SourceChannel)
            .Score();

        Assert.Equal(85, result.Score);
        Assert.Equal(50, result.Dimensions.Single(d => d.Dimension == QualityDimension.Completeness).Percent);
        Assert.Equal(
            [("Industry", QualityRule.MissingRecommended), ("Region", QualityRule.MissingRecommended), ("SourceChannel", QualityRule.MissingRecommended), ("Email", QualityRule.MissingRecommended)],
            result.Findings.Select(f => (f.Field, f.Rule)));
    }

    [Fact]
    public void AMissingRequiredField_IsNamed_AndTheScoreRoundsHalfAwayFromZero()
    {
        // 6 of 8 → 30 × 0.75 = 22.5, + 70 = 92.5 → 93.
        var result = QualityFactsBuilder.Individual().Without(QualityFields.Phone).Score();

        Assert.Equal(93, result.Score);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((QualityRule.MissingRequired, "Phone"), (finding.Rule, finding.Field));
        Assert.Equal(QualityRule.MissingRequired, result.Failures);
    }

    [Fact]
    public void ACompanyCard_IsMeasuredAgainstTheCompanyFields()
    {
        // Company: required company + phone (4), recommended contact name, e-mail, industry, region, address, source (6).
        // Without contact name and address: 8 of 10 → 30 × 0.8 + 70 = 94.
        var facts = QualityFactsBuilder.Individual().With(f => f with
        {
            Kind = CardKind.Company,
            Present = (f.Present | QualityFields.Company) & ~QualityFields.Name,
            Basics = [new BasicFieldFact(QualityFields.Company, QualityFactsBuilder.Today)],
        });

        var result = facts.Score();

        Assert.Equal(94, result.Score);
        Assert.Equal(["Name", "Address"], result.Findings.Select(f => f.Field));
        Assert.All(result.Findings, f => Assert.Equal(QualityRule.MissingRecommended, f.Rule));
    }

    [Fact]
    public void ARequiredCustomFieldWithoutValue_CountsAsAMissingRequiredField()
    {
        // 8 of 10 → 94.
        var result = QualityFactsBuilder.Individual()
            .With(f => f with { CustomFields = [new CustomFieldFact("Contract no.", Required: true, HasValue: false, Valid: true)] })
            .Score();

        Assert.Equal(94, result.Score);
        var finding = Assert.Single(result.Findings);
        Assert.Equal((QualityRule.MissingRequired, QualityFinding.CustomField, "Contract no."), (finding.Rule, finding.Field, finding.Label));
    }

    [Fact]
    public void FieldsAnAdminMarksNotScored_AreNotAskedFor()
    {
        var rules = QualityRuleSet.Default with { Individual = new FieldRequirements(QualityFields.Name, QualityFields.None) };

        var result = QualityFactsBuilder.Individual().Without(QualityFields.Phone | QualityFields.Email | QualityFields.Region).Score(rules);

        Assert.Equal(100, result.Score);
        Assert.Empty(result.Findings);
    }
}
