using System.Globalization;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.Quality;

/// <summary>Which built-in fields a kind of card must have and which it should have. The two sets never overlap.</summary>
public sealed record FieldRequirements(QualityFields Required, QualityFields Recommended)
{
    public FieldNeed NeedOf(QualityFields field) =>
        Required.HasFlag(field) ? FieldNeed.Required : Recommended.HasFlag(field) ? FieldNeed.Recommended : FieldNeed.NotScored;
}

/// <summary>How many days a verified value stays fresh, by tier. Cards without a tier follow tier C.</summary>
public sealed record FreshnessSla(int VipDays, int ADays, int BDays, int CDays)
{
    public const int MinDays = 1;
    public const int MaxDays = 3_660;

    public static IReadOnlyList<CustomerTier> Tiers { get; } = [CustomerTier.VIP, CustomerTier.A, CustomerTier.B, CustomerTier.C];

    public int DaysFor(CustomerTier? tier) => tier switch
    {
        CustomerTier.VIP => VipDays,
        CustomerTier.A => ADays,
        CustomerTier.B => BDays,
        _ => CDays,
    };
}

/// <summary>How much each dimension counts towards the score; relative, so they need not add up to 100.</summary>
public sealed record QualityWeights(int Completeness, int Validity, int Freshness, int Uniqueness, int Consistency)
{
    public const int MaxWeight = 100;

    public int Of(QualityDimension dimension) => dimension switch
    {
        QualityDimension.Completeness => Completeness,
        QualityDimension.Validity => Validity,
        QualityDimension.Freshness => Freshness,
        QualityDimension.Uniqueness => Uniqueness,
        QualityDimension.Consistency => Consistency,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    public int Total => Completeness + Validity + Freshness + Uniqueness + Consistency;
}

/// <summary>The configurable part of the quality rules, as an Admin sets them on the quality policy.</summary>
public sealed record QualityRuleSet(FieldRequirements Individual, FieldRequirements Company, FreshnessSla Sla, QualityWeights Weights)
{
    /// <summary>
    /// Defaults: an individual needs a name and a phone and should have an e-mail, industry, region and source;
    /// a company needs its name and a phone and should have a contact person, e-mail, industry, region, address
    /// and source. Verification SLA VIP 30, A 90, B 180, C 365 days. Weights 30/20/25/10/15.
    /// </summary>
    public static QualityRuleSet Default { get; } = new(
        new FieldRequirements(
            QualityFields.Name | QualityFields.Phone,
            QualityFields.Email | QualityFields.Industry | QualityFields.Region | QualityFields.SourceChannel),
        new FieldRequirements(
            QualityFields.Company | QualityFields.Phone,
            QualityFields.Name | QualityFields.Email | QualityFields.Industry | QualityFields.Region | QualityFields.Address | QualityFields.SourceChannel),
        new FreshnessSla(30, 90, 180, 365),
        new QualityWeights(30, 20, 25, 10, 15));

    public FieldRequirements For(CardKind kind) => kind == CardKind.Company ? Company : Individual;

    /// <summary>A flat, readable picture of the rules, for field-level audit.</summary>
    public IReadOnlyDictionary<string, string?> Snapshot()
    {
        static string Show(QualityFields fields) => fields == QualityFields.None ? "(none)" : string.Join(", ", QualityFieldSet.Split(fields));
        static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
        var snapshot = new Dictionary<string, string?>
        {
            ["Individual.Required"] = Show(Individual.Required),
            ["Individual.Recommended"] = Show(Individual.Recommended),
            ["Company.Required"] = Show(Company.Required),
            ["Company.Recommended"] = Show(Company.Recommended),
        };
        foreach (var tier in FreshnessSla.Tiers)
        {
            snapshot[$"Sla.{tier}"] = N(Sla.DaysFor(tier));
        }

        foreach (var dimension in Enum.GetValues<QualityDimension>())
        {
            snapshot[$"Weight.{dimension}"] = N(Weights.Of(dimension));
        }

        return snapshot;
    }
}
