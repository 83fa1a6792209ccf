using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Tiers;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>
/// Builds the facts of a card for scorer tests. Starts from a complete individual (name, phone, e-mail, industry, region,
/// source) created on <see cref="Created"/>, everything verified on <see cref="Today"/>, Prospect, no tier.
/// </summary>
internal sealed class QualityFactsBuilder
{
    public static readonly DateOnly Today = new(2026, 6, 30);
    public static readonly DateOnly Created = new(2026, 1, 1);

    private CardQualityFacts _facts = new()
    {
        Kind = CardKind.Individual,
        Stage = LifecycleStage.Prospect,
        CreatedOn = Created,
        Present = QualityFields.Name | QualityFields.Phone | QualityFields.Email | QualityFields.Industry | QualityFields.Region | QualityFields.SourceChannel,
        Basics = [new BasicFieldFact(QualityFields.Name, Today)],
        Contacts =
        [
            new ContactFact(ContactKind.Phone, "Mobile", "+8613812345678", Today),
            new ContactFact(ContactKind.Email, "Work", "wang@example.com", Today),
        ],
    };

    public static QualityFactsBuilder Individual() => new();

    public QualityFactsBuilder With(Func<CardQualityFacts, CardQualityFacts> change)
    {
        _facts = change(_facts);
        return this;
    }

    public QualityFactsBuilder Without(QualityFields fields) => With(f => f with
    {
        Present = f.Present & ~fields,
        Basics = f.Basics.Where(b => !fields.HasFlag(b.Field)).ToList(),
        Contacts = f.Contacts.Where(c => !fields.HasFlag(c.Kind == ContactKind.Phone ? QualityFields.Phone : QualityFields.Email)).ToList(),
    });

    public QualityFactsBuilder InTier(CustomerTier? tier) => With(f => f with { Tier = tier });

    public QualityFactsBuilder InStage(LifecycleStage stage) => With(f => f with { Stage = stage });

    /// <summary>Every basic field and contact point last verified on <paramref name="on"/> (null: never).</summary>
    public QualityFactsBuilder VerifiedOn(DateOnly? on) => With(f => f with
    {
        Basics = f.Basics.Select(b => b with { LastVerifiedOn = on }).ToList(),
        Contacts = f.Contacts.Select(c => c with { LastVerifiedOn = on }).ToList(),
    });

    public QualityFactsBuilder WithContact(ContactKind kind, string label, string value, DateOnly? verifiedOn) => With(f => f with
    {
        Present = f.Present | (kind == ContactKind.Phone ? QualityFields.Phone : QualityFields.Email),
        Contacts = [.. f.Contacts, new ContactFact(kind, label, value, verifiedOn)],
    });

    public QualityFactsBuilder WithActivity(DateOnly? lastPurchase, DateOnly? lastInteraction) =>
        With(f => f with { LastPurchaseOn = lastPurchase, LastInteractionOn = lastInteraction });

    public CardQualityFacts Build() => _facts;

    public QualityAssessment Score(QualityRuleSet? rules = null, DateOnly? today = null) =>
        QualityScorer.Score(_facts, rules ?? QualityRuleSet.Default, today ?? Today);
}
