namespace Dashboard.Domain.Quality;

/// <summary>The five parts of the quality score (PRODUCT.md C3).</summary>
public enum QualityDimension
{
    Completeness,
    Validity,
    Freshness,
    Uniqueness,
    Consistency,
}

/// <summary>
/// A quality rule a card can fail. A card stores the rules it fails as flags, so that list filters and the
/// "rules failing most" counts run in SQL.
/// </summary>
[Flags]
public enum QualityRule
{
    None = 0,

    /// <summary>A field the card's kind requires is empty (including required custom fields).</summary>
    MissingRequired = 1,

    /// <summary>A field the card's kind should have is empty.</summary>
    MissingRecommended = 2,

    /// <summary>A stored value no longer passes its format rule, or is a retired list entry.</summary>
    InvalidValue = 4,

    /// <summary>A value was last verified with the customer longer ago than the tier's SLA allows.</summary>
    Stale = 8,

    /// <summary>The card is in an open duplicate suspicion.</summary>
    SuspectedDuplicate = 16,

    /// <summary>Active, yet no purchase or interaction in the last year.</summary>
    ActiveWithoutActivity = 32,

    /// <summary>Churned, yet bought something recently.</summary>
    ChurnedWithRecentPurchase = 64,
}

/// <summary>Which dimension each rule belongs to.</summary>
public static class QualityRules
{
    /// <summary>Every rule, in the order the UI lists them.</summary>
    public static IReadOnlyList<QualityRule> All { get; } =
    [
        QualityRule.MissingRequired,
        QualityRule.MissingRecommended,
        QualityRule.InvalidValue,
        QualityRule.Stale,
        QualityRule.SuspectedDuplicate,
        QualityRule.ActiveWithoutActivity,
        QualityRule.ChurnedWithRecentPurchase,
    ];

    /// <summary>The rule's place in <see cref="All"/>.</summary>
    public static int Rank(QualityRule rule) => All.Select((r, i) => (r, i)).First(x => x.r == rule).i;

    public static QualityDimension DimensionOf(QualityRule rule) => rule switch
    {
        QualityRule.MissingRequired or QualityRule.MissingRecommended => QualityDimension.Completeness,
        QualityRule.InvalidValue => QualityDimension.Validity,
        QualityRule.Stale => QualityDimension.Freshness,
        QualityRule.SuspectedDuplicate => QualityDimension.Uniqueness,
        QualityRule.ActiveWithoutActivity or QualityRule.ChurnedWithRecentPurchase => QualityDimension.Consistency,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Not a single rule."),
    };
}
