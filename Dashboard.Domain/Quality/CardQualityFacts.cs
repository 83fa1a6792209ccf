using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.Quality;

/// <summary>A basic field the customer can confirm (name, company, title, address), with when it was last verified.</summary>
public sealed record BasicFieldFact(QualityFields Field, DateOnly? LastVerifiedOn);

/// <summary>One phone or e-mail as stored, with when it was last verified.</summary>
public sealed record ContactFact(ContactKind Kind, string Label, string Value, DateOnly? LastVerifiedOn);

/// <summary>A list field (industry, region, source channel) whose entry an Admin has retired.</summary>
public sealed record RetiredEntryFact(QualityFields Field, string EntryName);

/// <summary>An active custom field that applies to the card's kind: whether it is required, and whether its stored value still passes its rules.</summary>
public sealed record CustomFieldFact(string Label, bool Required, bool HasValue, bool Valid);

/// <summary>
/// Everything the quality rules look at for one card, as plain data, so that <see cref="QualityScorer"/> stays pure.
/// <see cref="CardQualityFactsReader"/> builds it from a card; tests build it by hand.
/// </summary>
public sealed record CardQualityFacts
{
    public required CardKind Kind { get; init; }

    public required LifecycleStage Stage { get; init; }

    /// <summary>The effective tier, which sets the verification SLA.</summary>
    public CustomerTier? Tier { get; init; }

    /// <summary>Never-verified values count from this day, so a new card has one SLA period to be verified.</summary>
    public required DateOnly CreatedOn { get; init; }

    /// <summary>The built-in fields that hold a value.</summary>
    public QualityFields Present { get; init; }

    /// <summary>Name, company, title and address, those that hold a value.</summary>
    public IReadOnlyList<BasicFieldFact> Basics { get; init; } = [];

    public IReadOnlyList<ContactFact> Contacts { get; init; } = [];

    /// <summary>The card's country (ISO alpha-2), when it has one: a stored phone of another country is an invalid value.</summary>
    public string? Country { get; init; }

    public IReadOnlyList<RetiredEntryFact> RetiredEntries { get; init; } = [];

    public IReadOnlyList<CustomFieldFact> CustomFields { get; init; } = [];

    public DateOnly? LastPurchaseOn { get; init; }

    public DateOnly? LastInteractionOn { get; init; }

    public bool SuspectedDuplicate { get; init; }
}
