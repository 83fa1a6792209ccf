using Dashboard.Domain.Lifecycle;

namespace Dashboard.Domain.Customers;

/// <summary>
/// What a person typed into the card form (or an import row or API body): raw, unvalidated.
/// <see cref="CardDraftValidator"/> turns it into <see cref="CardValues"/> or field errors.
/// </summary>
public sealed class CardDraft
{
    public CardKind Kind { get; set; } = CardKind.Individual;

    public string? Name { get; set; }

    public string? Company { get; set; }

    public string? Title { get; set; }

    public int? IndustryId { get; set; }

    public int? RegionId { get; set; }

    public string? Address { get; set; }

    public string? Postcode { get; set; }

    /// <summary>ISO 3166-1 alpha-2 code (e.g. "US"); phones without a country code are read as its numbers.</summary>
    public string? Country { get; set; }

    /// <summary>Individuals only.</summary>
    public DateOnly? DateOfBirth { get; set; }

    public int? SourceChannelId { get; set; }

    /// <summary>Null means the person saving the card.</summary>
    public Guid? OwnerId { get; set; }

    public DateOnly? NextFollowUp { get; set; }

    public string? SpecialNeeds { get; set; }

    /// <summary>Only read when a card is created; later moves go through the stage command.</summary>
    public LifecycleStage Stage { get; set; } = LifecycleStage.Prospect;

    public List<int> InterestIds { get; set; } = [];

    public List<int> TagIds { get; set; } = [];

    public List<ContactPointDraft> Phones { get; set; } = [];

    public List<ContactPointDraft> Emails { get; set; } = [];

    /// <summary>Raw custom field values by field id; multi-choice values are separated by ';'.</summary>
    public Dictionary<int, string?> CustomFields { get; set; } = [];

    public static string PhoneField(int index) => $"{nameof(Phones)}[{index}]";

    public static string EmailField(int index) => $"{nameof(Emails)}[{index}]";

    public static string CustomField(int fieldId) => $"{nameof(CustomFields)}[{fieldId}]";
}

/// <summary>One phone or e-mail as typed. <see cref="Id"/> is set when it edits an existing contact point.</summary>
public sealed class ContactPointDraft
{
    public Guid? Id { get; set; }

    public string? Label { get; set; }

    public string? Value { get; set; }

    public bool IsPrimary { get; set; }
}
