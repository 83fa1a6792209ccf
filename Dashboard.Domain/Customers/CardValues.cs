using Dashboard.Domain.Access;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.ReferenceData;

namespace Dashboard.Domain.Customers;

/// <summary>Card input that passed validation: cleaned text, parsed contacts, resolved list entries.</summary>
public sealed record CardValues(
    CardKind Kind,
    string? Name,
    string? Company,
    string? Title,
    ListItem? Industry,
    ListItem? Region,
    string? Address,
    ListItem? SourceChannel,
    StaffMember Owner,
    DateOnly? NextFollowUp,
    string? SpecialNeeds,
    IReadOnlyList<ListItem> Interests,
    IReadOnlyList<Tag> Tags,
    IReadOnlyList<ValidContactPoint> ContactPoints,
    IReadOnlyList<(CustomFieldDefinition Field, string Value)> CustomFields)
{
    public string DisplayName => Kind == CardKind.Company ? Company! : Name!;

    /// <summary>Trimmed and upper-cased.</summary>
    public string? Postcode { get; init; }

    /// <summary>ISO 3166-1 alpha-2, upper case; the phones were validated for it.</summary>
    public string? Country { get; init; }

    /// <summary>Individuals only.</summary>
    public DateOnly? DateOfBirth { get; init; }
}

/// <summary>A contact point in normalised form (E.164 or normalised e-mail).</summary>
public sealed record ValidContactPoint(Guid? Id, ContactKind Kind, string Label, string Value, bool IsPrimary);
