using System.Text.Json.Serialization;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;

namespace Dashboard.Domain.Quality;

/// <summary>
/// One failing rule on one field. <see cref="Field"/> is a <see cref="QualityFields"/> name, <c>Custom</c> for a custom
/// field, <c>Card</c> or <c>Stage</c>; <see cref="Label"/> is the contact point's label, the custom field's label or the
/// retired list entry. Values themselves are never kept here, so a breakdown can be shown to anyone who may see the card.
/// </summary>
public sealed record QualityFinding(
    [property: JsonPropertyName("r")] QualityRule Rule,
    [property: JsonPropertyName("f")] string Field,
    [property: JsonPropertyName("l")] string? Label = null,
    [property: JsonPropertyName("s")] DateOnly? Since = null,
    [property: JsonPropertyName("u")] DateOnly? DueOn = null)
{
    public const string CustomField = "Custom";
    public const string CardField = "Card";
    public const string StageField = "Stage";
}

/// <summary>How well a card does on one dimension: <see cref="Met"/> of <see cref="Possible"/> (1 of 1 when nothing applies).</summary>
public sealed record DimensionScore(QualityDimension Dimension, int Weight, int Met, int Possible)
{
    public decimal Ratio => Possible == 0 ? 1m : (decimal)Met / Possible;

    public int Percent => (int)Math.Round(Ratio * 100m, MidpointRounding.AwayFromZero);
}

/// <summary>
/// A card's score with its explanation. <see cref="VerificationDueOn"/> is the first day after which one of its values is
/// overdue for verification; a card is overdue on any later day, which lists can ask in SQL without rescoring.
/// </summary>
public sealed record QualityAssessment(
    int Score,
    QualityBand Band,
    QualityRule Failures,
    DateOnly? VerificationDueOn,
    IReadOnlyList<DimensionScore> Dimensions,
    IReadOnlyList<QualityFinding> Findings);

/// <summary>
/// Scores a card 0–100 from its facts, the rules and the day (PRODUCT.md C3). Pure.
/// <list type="bullet">
/// <item>Completeness: required fields weigh 2, recommended 1; required custom fields count as required.</item>
/// <item>Validity: every phone, e-mail, list entry and custom value must still pass its rule; a phone of a card with a
/// country must be that country's number.</item>
/// <item>Freshness: the share of basic fields and contact points verified within the tier's SLA.</item>
/// <item>Uniqueness: no open duplicate suspicion. Consistency: no contradiction between stage and activity.</item>
/// </list>
/// The score is the weighted mean of the dimensions, rounded half away from zero.
/// </summary>
public static class QualityScorer
{
    /// <summary>An Active card needs a purchase or an interaction within this many days.</summary>
    public const int ActivityWindowDays = 365;

    /// <summary>A Churned card contradicts a purchase dated within this many days.</summary>
    public const int ChurnedPurchaseDays = 90;

    private const int RequiredWeight = 2;
    private const int RecommendedWeight = 1;
    private const string AnyRegion = "ZZ";

    private static readonly QualityFields[] ListFields = [QualityFields.Industry, QualityFields.Region, QualityFields.SourceChannel];

    public static QualityAssessment Score(CardQualityFacts facts, QualityRuleSet rules, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Weights.Total <= 0)
        {
            throw new ArgumentException("At least one dimension must have a weight.", nameof(rules));
        }

        var findings = new List<QualityFinding>();
        var completeness = Completeness(facts, rules.For(facts.Kind), findings);
        var validity = Validity(facts, findings);
        var (freshness, dueOn) = Freshness(facts, rules.Sla.DaysFor(facts.Tier), today, findings);
        var uniqueness = (Met: facts.SuspectedDuplicate ? 0 : 1, Possible: 1);
        if (facts.SuspectedDuplicate)
        {
            findings.Add(new QualityFinding(QualityRule.SuspectedDuplicate, QualityFinding.CardField));
        }

        var consistency = (Met: Consistency(facts, today, findings) ? 1 : 0, Possible: 1);

        var weights = rules.Weights;
        DimensionScore[] dimensions =
        [
            new(QualityDimension.Completeness, weights.Completeness, completeness.Met, completeness.Possible),
            new(QualityDimension.Validity, weights.Validity, validity.Met, validity.Possible),
            new(QualityDimension.Freshness, weights.Freshness, freshness.Met, freshness.Possible),
            new(QualityDimension.Uniqueness, weights.Uniqueness, uniqueness.Met, uniqueness.Possible),
            new(QualityDimension.Consistency, weights.Consistency, consistency.Met, consistency.Possible),
        ];
        var weighted = dimensions.Sum(d => d.Weight * d.Ratio) / weights.Total;
        var score = (int)Math.Round(weighted * 100m, MidpointRounding.AwayFromZero);

        var ordered = findings.OrderBy(f => QualityRules.Rank(f.Rule)).ToList();
        var failures = ordered.Aggregate(QualityRule.None, (all, f) => all | f.Rule);
        return new QualityAssessment(score, QualityBands.Of(score), failures, dueOn, dimensions, ordered);
    }

    /// <summary>True when a stored contact value still parses as what it claims to be.</summary>
    public static bool IsValid(ContactKind kind, string value) =>
        kind == ContactKind.Phone
            ? PhoneNumber.TryParse(value, AnyRegion, out var phone, out _) && phone!.E164 == value
            : EmailAddress.TryParse(value, out var email, out _) && email!.Value == value;

    private static (int Met, int Possible) Completeness(CardQualityFacts facts, FieldRequirements needs, List<QualityFinding> findings)
    {
        int met = 0, possible = 0;
        foreach (var field in QualityFieldSet.Each)
        {
            var need = needs.NeedOf(field);
            if (need == FieldNeed.NotScored)
            {
                continue;
            }

            var weight = need == FieldNeed.Required ? RequiredWeight : RecommendedWeight;
            possible += weight;
            if (facts.Present.HasFlag(field))
            {
                met += weight;
            }
            else
            {
                findings.Add(new QualityFinding(need == FieldNeed.Required ? QualityRule.MissingRequired : QualityRule.MissingRecommended, field.ToString()));
            }
        }

        foreach (var custom in facts.CustomFields.Where(c => c.Required))
        {
            possible += RequiredWeight;
            if (custom.HasValue)
            {
                met += RequiredWeight;
            }
            else
            {
                findings.Add(new QualityFinding(QualityRule.MissingRequired, QualityFinding.CustomField, custom.Label));
            }
        }

        return (met, possible);
    }

    private static (int Met, int Possible) Validity(CardQualityFacts facts, List<QualityFinding> findings)
    {
        int possible = 0, invalid = 0;
        foreach (var contact in facts.Contacts)
        {
            possible++;
            // A number stored under another country than the card's (issue 14) is listed with the invalid values.
            if (!IsValid(contact.Kind, contact.Value)
                || (contact.Kind == ContactKind.Phone && facts.Country is { } country && !PhoneNumber.FitsCountry(contact.Value, country)))
            {
                invalid++;
                findings.Add(new QualityFinding(QualityRule.InvalidValue, contact.Kind == ContactKind.Phone ? nameof(QualityFields.Phone) : nameof(QualityFields.Email), contact.Label));
            }
        }

        foreach (var field in ListFields.Where(f => facts.Present.HasFlag(f)))
        {
            possible++;
            if (facts.RetiredEntries.FirstOrDefault(r => r.Field == field) is { } retired)
            {
                invalid++;
                findings.Add(new QualityFinding(QualityRule.InvalidValue, field.ToString(), retired.EntryName));
            }
        }

        foreach (var custom in facts.CustomFields.Where(c => c.HasValue))
        {
            possible++;
            if (!custom.Valid)
            {
                invalid++;
                findings.Add(new QualityFinding(QualityRule.InvalidValue, QualityFinding.CustomField, custom.Label));
            }
        }

        return (possible - invalid, possible);
    }

    private static ((int Met, int Possible) Score, DateOnly? DueOn) Freshness(CardQualityFacts facts, int slaDays, DateOnly today, List<QualityFinding> findings)
    {
        int fresh = 0, possible = 0;
        DateOnly? firstDue = null;
        void Check(string field, string? label, DateOnly? verifiedOn)
        {
            possible++;
            var due = (verifiedOn ?? facts.CreatedOn).AddDays(slaDays);
            firstDue = firstDue is { } earlier && earlier <= due ? earlier : due;
            if (today > due)
            {
                findings.Add(new QualityFinding(QualityRule.Stale, field, label, verifiedOn, due));
            }
            else
            {
                fresh++;
            }
        }

        foreach (var basic in facts.Basics)
        {
            Check(basic.Field.ToString(), null, basic.LastVerifiedOn);
        }

        foreach (var contact in facts.Contacts)
        {
            Check(contact.Kind == ContactKind.Phone ? nameof(QualityFields.Phone) : nameof(QualityFields.Email), contact.Label, contact.LastVerifiedOn);
        }

        return ((fresh, possible), firstDue);
    }

    private static bool Consistency(CardQualityFacts facts, DateOnly today, List<QualityFinding> findings)
    {
        var lastActivity = Max(facts.LastPurchaseOn, facts.LastInteractionOn);
        if (facts.Stage == LifecycleStage.Active && !(lastActivity >= today.AddDays(-ActivityWindowDays)))
        {
            findings.Add(new QualityFinding(QualityRule.ActiveWithoutActivity, QualityFinding.StageField, null, lastActivity));
            return false;
        }

        if (facts.Stage == LifecycleStage.Churned && facts.LastPurchaseOn >= today.AddDays(-ChurnedPurchaseDays))
        {
            findings.Add(new QualityFinding(QualityRule.ChurnedWithRecentPurchase, QualityFinding.StageField, null, facts.LastPurchaseOn));
            return false;
        }

        return true;
    }

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
