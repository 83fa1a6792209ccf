using Dashboard.Domain.Customers;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Tiers;

namespace Dashboard.Tests.Domain.Quality;

public sealed class QualityPolicyValidatorTests
{
    [Fact]
    public void TheDefaults_PassAndComeBackUnchanged()
    {
        var (rules, errors) = QualityPolicyValidator.Validate(QualityPolicyDraft.From(QualityRuleSet.Default));

        Assert.Empty(errors);
        Assert.Equal(QualityRuleSet.Default, rules);
    }

    [Fact]
    public void FieldNeedsPerKind_BecomeTheRequiredAndRecommendedSets()
    {
        var draft = QualityPolicyDraft.From(QualityRuleSet.Default);
        draft.For(CardKind.Company)[QualityFields.Title] = FieldNeed.Required;
        draft.For(CardKind.Company)[QualityFields.Address] = FieldNeed.NotScored;

        var (rules, _) = QualityPolicyValidator.Validate(draft);

        Assert.Equal(FieldNeed.Required, rules!.Company.NeedOf(QualityFields.Title));
        Assert.Equal(FieldNeed.NotScored, rules.Company.NeedOf(QualityFields.Address));
        Assert.Equal(QualityRuleSet.Default.Individual, rules.Individual);
    }

    [Fact]
    public void SlasOutOfRange_MissingWeights_AndAllZeroWeights_AreRefusedPerField()
    {
        var draft = QualityPolicyDraft.From(QualityRuleSet.Default);
        draft.SlaDays[CustomerTier.VIP] = 0;
        draft.SlaDays[CustomerTier.C] = null;
        draft.Weights[QualityDimension.Validity] = 101;

        var (rules, errors) = QualityPolicyValidator.Validate(draft);

        Assert.Null(rules);
        Assert.Equal(["Sla.VIP", "Sla.C", "Weight.Validity"], errors.Select(e => e.Field));

        var zero = QualityPolicyDraft.From(QualityRuleSet.Default);
        foreach (var dimension in Enum.GetValues<QualityDimension>())
        {
            zero.Weights[dimension] = 0;
        }

        Assert.Equal(QualityPolicyValidator.WeightsField, Assert.Single(QualityPolicyValidator.Validate(zero).Errors).Field);
    }
}
