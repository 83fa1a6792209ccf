using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.Customers;

/// <summary>Everything the card page shows, already cut to what the viewer may see.</summary>
public sealed record CardDetails(
    Guid Id,
    string Code,
    CardKind Kind,
    string DisplayName,
    string? Name,
    string? Company,
    string? Title,
    NamedRef? Industry,
    NamedRef? Region,
    string? Address,
    NamedRef? SourceChannel,
    Guid OwnerId,
    string OwnerName,
    string? TeamName,
    DateOnly? NextFollowUp,
    string? SpecialNeeds,
    LifecycleStage Stage,
    CustomerTier? Tier,
    string? TierReason,
    IReadOnlyList<NamedRef> Interests,
    IReadOnlyList<TagView> Tags,
    IReadOnlyList<ContactPointView> Phones,
    IReadOnlyList<ContactPointView> Emails,
    IReadOnlyList<CustomFieldValueView> CustomFields,
    IReadOnlyList<InteractionView> Interactions,
    IReadOnlyList<PurchaseView>? Purchases,
    IReadOnlyList<RemarkView> Remarks,
    IReadOnlyList<StageTransitionView> StageHistory,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version,
    int DetailsVersion,
    CardPermissions Permissions)
{
    public string? Postcode { get; init; }

    public string? Country { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    /// <summary>Set when this card was merged into another: that card's id and code.</summary>
    public CardRef? MergedInto { get; init; }

    /// <summary>The stored quality score and whether the viewer may verify the card.</summary>
    public CardQualitySummary? Quality { get; init; }

    /// <summary>The editable sections as a draft for the edit form.</summary>
    public CardDraft ToDraft() => new()
    {
        Kind = Kind,
        Name = Name,
        Company = Company,
        Title = Title,
        IndustryId = Industry?.Id,
        RegionId = Region?.Id,
        Address = Address,
        Postcode = Postcode,
        Country = Country,
        DateOfBirth = DateOfBirth,
        SourceChannelId = SourceChannel?.Id,
        OwnerId = OwnerId,
        NextFollowUp = NextFollowUp,
        SpecialNeeds = SpecialNeeds,
        Stage = Stage,
        InterestIds = Interests.Select(i => i.Id).ToList(),
        TagIds = Tags.Select(t => t.Id).ToList(),
        Phones = Phones.Select(p => new ContactPointDraft { Id = p.Id, Label = p.Label, Value = p.Display, IsPrimary = p.IsPrimary }).ToList(),
        Emails = Emails.Select(p => new ContactPointDraft { Id = p.Id, Label = p.Label, Value = p.Display, IsPrimary = p.IsPrimary }).ToList(),
        CustomFields = CustomFields.ToDictionary(f => f.FieldId, f => f.Value),
    };
}

/// <summary>What the viewer may do with the card; the services enforce the same rules.</summary>
public sealed record CardPermissions(bool CanEdit, bool CanViewPurchases, bool CanRecordPurchase, bool ContactsMasked);

/// <summary>An id and a display name.</summary>
public sealed record NamedRef(int Id, string Name);

/// <summary>A phone or e-mail as shown; <see cref="Display"/> is masked for roles without the right.</summary>
public sealed record ContactPointView(Guid Id, ContactKind Kind, string Label, string Display, bool IsPrimary, DateOnly? LastVerifiedOn);

public sealed record CustomFieldValueView(int FieldId, string Label, string? Value);

public sealed record InteractionView(Guid Id, InteractionKind Kind, DateTime OccurredAt, string StaffName, string Summary, string? Outcome);

public sealed record PurchaseView(Guid Id, string CardCode, string CardName, string Product, DateOnly PurchasedOn, decimal Quantity, decimal Amount, string Currency);

public sealed record RemarkView(Guid Id, string AuthorName, DateTime CreatedAt, string Text, DateTime? EditedAt, IReadOnlyList<RemarkVersionView> EarlierVersions);

public sealed record RemarkVersionView(int Number, string Text, DateTime WrittenAt, string WrittenBy);

public sealed record StageTransitionView(LifecycleStage? From, LifecycleStage To, string ActorName, DateTime At);
