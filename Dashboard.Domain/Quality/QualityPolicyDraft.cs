using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.Quality;

/// <summary>The quality rules as an Admin edits them. Errors name fields as <c>Sla.VIP</c> or <c>Weight.Freshness</c>.</summary>
public sealed class QualityPolicyDraft
{
    public Dictionary<QualityFields, FieldNeed> Individual { get; set; } = [];

    public Dictionary<QualityFields, FieldNeed> Company { get; set; } = [];

    public Dictionary<CustomerTier, int?> SlaDays { get; set; } = [];

    public Dictionary<QualityDimension, int?> Weights { get; set; } = [];

    public static QualityPolicyDraft From(QualityRuleSet rules) => new()
    {
        Individual = QualityFieldSet.Each.ToDictionary(f => f, rules.Individual.NeedOf),
        Company = QualityFieldSet.Each.ToDictionary(f => f, rules.Company.NeedOf),
        SlaDays = FreshnessSla.Tiers.ToDictionary(t => t, t => (int?)rules.Sla.DaysFor(t)),
        Weights = Enum.GetValues<QualityDimension>().ToDictionary(d => d, d => (int?)rules.Weights.Of(d)),
    };

    public Dictionary<QualityFields, FieldNeed> For(CardKind kind) => kind == CardKind.Company ? Company : Individual;

    public static string SlaField(CustomerTier tier) => $"Sla.{tier}";

    public static string WeightField(QualityDimension dimension) => $"Weight.{dimension}";
}

/// <summary>Checks quality rules: SLAs of 1 to 3,660 days, weights of 0 to 100 with at least one above zero. Pure.</summary>
public static class QualityPolicyValidator
{
    public const string WeightsField = "Weights";

    public static (QualityRuleSet? Rules, IReadOnlyList<FieldError> Errors) Validate(QualityPolicyDraft draft)
    {
        var errors = new List<FieldError>();
        var sla = new Dictionary<CustomerTier, int>();
        foreach (var tier in FreshnessSla.Tiers)
        {
            if (draft.SlaDays.GetValueOrDefault(tier) is { } days and >= FreshnessSla.MinDays and <= FreshnessSla.MaxDays)
            {
                sla[tier] = days;
            }
            else
            {
                errors.Add(new(QualityPolicyDraft.SlaField(tier), "quality.sla", $"Enter how many days a verification of a {tier} card stays fresh: {FreshnessSla.MinDays} to {FreshnessSla.MaxDays:N0}."));
            }
        }

        var weights = new Dictionary<QualityDimension, int>();
        foreach (var dimension in Enum.GetValues<QualityDimension>())
        {
            if (draft.Weights.GetValueOrDefault(dimension) is { } weight and >= 0 and <= QualityWeights.MaxWeight)
            {
                weights[dimension] = weight;
            }
            else
            {
                errors.Add(new(QualityPolicyDraft.WeightField(dimension), "quality.weight", $"Enter a weight from 0 to {QualityWeights.MaxWeight}."));
            }
        }

        if (weights.Count == Enum.GetValues<QualityDimension>().Length && weights.Values.Sum() == 0)
        {
            errors.Add(new(WeightsField, "quality.weights-zero", "At least one part of the score needs a weight above zero."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new QualityRuleSet(
            Requirements(draft.Individual),
            Requirements(draft.Company),
            new FreshnessSla(sla[CustomerTier.VIP], sla[CustomerTier.A], sla[CustomerTier.B], sla[CustomerTier.C]),
            new QualityWeights(
                weights[QualityDimension.Completeness],
                weights[QualityDimension.Validity],
                weights[QualityDimension.Freshness],
                weights[QualityDimension.Uniqueness],
                weights[QualityDimension.Consistency])), errors);
    }

    private static FieldRequirements Requirements(Dictionary<QualityFields, FieldNeed> needs)
    {
        QualityFields Where(FieldNeed need) =>
            QualityFieldSet.Each.Where(f => needs.GetValueOrDefault(f) == need).Aggregate(QualityFields.None, (all, f) => all | f);
        return new FieldRequirements(Where(FieldNeed.Required), Where(FieldNeed.Recommended));
    }
}
