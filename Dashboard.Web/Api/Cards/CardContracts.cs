using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Tiers;

namespace Dashboard.Web.Api.Cards;

/// <summary>An id and a name, e.g. an industry, region or owner.</summary>
public sealed record NamedItem<TId>(TId Id, string Name);

/// <summary>A phone or e-mail. <c>value</c> is masked (e.g. <c>138****5678</c>) when <c>contactsMasked</c> is true on the card.</summary>
public sealed record ContactPointResource(Guid Id, string Label, string Value, bool IsPrimary, DateOnly? LastVerifiedOn);

public sealed record CustomFieldResource(int FieldId, string Label, string? Value);

public sealed record TagResource(int Id, string Name);

/// <summary>A customer card as the caller may see it. Its <c>version</c> is also its ETag.</summary>
public sealed record CardResource(
    Guid Id,
    string Code,
    CardKind Kind,
    string DisplayName,
    string? Name,
    string? Company,
    string? Title,
    NamedItem<int>? Industry,
    NamedItem<int>? Region,
    string? Address,
    string? Postcode,
    string? Country,
    DateOnly? DateOfBirth,
    NamedItem<int>? SourceChannel,
    NamedItem<Guid> Owner,
    string? Team,
    DateOnly? NextFollowUp,
    string? SpecialNeeds,
    LifecycleStage Stage,
    CustomerTier? Tier,
    string? TierReason,
    IReadOnlyList<NamedItem<int>> Interests,
    IReadOnlyList<TagResource> Tags,
    IReadOnlyList<ContactPointResource> Phones,
    IReadOnlyList<ContactPointResource> Emails,
    bool ContactsMasked,
    IReadOnlyList<CustomFieldResource> CustomFields,
    int? QualityScore,
    QualityBand? QualityBand,
    Guid? MergedIntoId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    public static CardResource From(CardDetails card) => new(
        card.Id, card.Code, card.Kind, card.DisplayName, card.Name, card.Company, card.Title,
        Named(card.Industry), Named(card.Region), card.Address, card.Postcode, card.Country, card.DateOfBirth, Named(card.SourceChannel),
        new NamedItem<Guid>(card.OwnerId, card.OwnerName), card.TeamName, card.NextFollowUp, card.SpecialNeeds,
        card.Stage, card.Tier, card.TierReason,
        card.Interests.Select(i => new NamedItem<int>(i.Id, i.Name)).ToList(),
        card.Tags.Select(t => new TagResource(t.Id, t.Name)).ToList(),
        card.Phones.Select(Contact).ToList(),
        card.Emails.Select(Contact).ToList(),
        card.Permissions.ContactsMasked,
        card.CustomFields.Select(f => new CustomFieldResource(f.FieldId, f.Label, f.Value)).ToList(),
        card.Quality?.Score, card.Quality?.Band, card.MergedInto?.Id,
        card.CreatedAt, card.UpdatedAt, card.Version);

    private static NamedItem<int>? Named(NamedRef? item) => item is null ? null : new NamedItem<int>(item.Id, item.Name);

    private static ContactPointResource Contact(ContactPointView point) => new(point.Id, point.Label, point.Display, point.IsPrimary, point.LastVerifiedOn);
}

/// <summary>A row of the card list; contact values are masked as on the card.</summary>
public sealed record CardSummaryResource(
    Guid Id,
    string Code,
    CardKind Kind,
    string DisplayName,
    string? Company,
    LifecycleStage Stage,
    CustomerTier? Tier,
    NamedItem<Guid> Owner,
    string? Region,
    string? Industry,
    string? PrimaryPhone,
    string? PrimaryEmail,
    DateOnly? NextFollowUp,
    IReadOnlyList<TagResource> Tags,
    int? QualityScore,
    QualityBand? QualityBand,
    DateTime UpdatedAt)
{
    public static CardSummaryResource From(CardListItem c) => new(
        c.Id, c.Code, c.Kind, c.DisplayName, c.Company, c.Stage, c.Tier, new NamedItem<Guid>(c.OwnerId, c.OwnerName), c.Region, c.Industry,
        c.PrimaryPhone, c.PrimaryEmail, c.NextFollowUp, c.Tags.Select(t => new TagResource(t.Id, t.Name)).ToList(), c.QualityScore, c.QualityBand, c.UpdatedAt);
}

/// <summary>
/// One page of a list: 1-based <c>page</c>, its size and the number of matching items in all. When
/// <c>moreThanTotal</c> is true, counting stopped at <c>totalCount</c> (the card list counts to 10,000) and more items match.
/// </summary>
public sealed record PageResource<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, bool MoreThanTotal = false);

/// <summary>A phone or e-mail as sent. Give <c>id</c> to keep (and edit) an existing one; leave it out to add one.</summary>
public sealed record ContactPointInput(Guid? Id, string? Label, string? Value, bool IsPrimary);

/// <summary>
/// The editable sections of a card. On create, <c>stage</c> is Prospect or New and a missing <c>ownerId</c> means
/// the caller. On update (PUT) the body replaces every section and must hold each of them (<c>null</c> or <c>[]</c>
/// clears one; a contact point left out of its list is removed); PATCH with <c>application/merge-patch+json</c>
/// changes only the members sent. Values are checked exactly as in the edit form.
/// </summary>
public sealed record CardInput
{
    /// <summary>The members a PUT must send (camelCase, as the API writes them); <c>stage</c> is read on create only.</summary>
    public static readonly IReadOnlyList<string> Sections =
    [
        "kind", "name", "company", "title", "industryId", "regionId", "address", "postcode", "dateOfBirth", "sourceChannelId",
        "ownerId", "nextFollowUp", "specialNeeds", "interestIds", "tagIds", "phones", "emails", "customFields",
    ];

    /// <summary>The sections a PUT body leaves out, each as an error naming it.</summary>
    public static IReadOnlyList<Dashboard.Domain.Common.FieldError> MissingSections(System.Text.Json.Nodes.JsonObject body) =>
        Sections.Where(section => !body.Any(m => string.Equals(m.Key, section, StringComparison.OrdinalIgnoreCase)))
            .Select(section => new Dashboard.Domain.Common.FieldError(section, "put.section-missing",
                $"A PUT replaces the whole card, so send \"{section}\" too (null or [] clears it). To change only some fields, send PATCH with {ApiJson.MergePatchMediaType}."))
            .ToList();

    /// <summary>A card's editable sections as the API writes them, for a merge patch to start from.</summary>
    public static CardInput From(CardDraft draft) => new()
    {
        Kind = draft.Kind,
        Name = draft.Name,
        Company = draft.Company,
        Title = draft.Title,
        IndustryId = draft.IndustryId,
        RegionId = draft.RegionId,
        Address = draft.Address,
        Postcode = draft.Postcode,
        Country = draft.Country,
        DateOfBirth = draft.DateOfBirth,
        SourceChannelId = draft.SourceChannelId,
        OwnerId = draft.OwnerId,
        NextFollowUp = draft.NextFollowUp,
        SpecialNeeds = draft.SpecialNeeds,
        Stage = draft.Stage,
        InterestIds = draft.InterestIds,
        TagIds = draft.TagIds,
        Phones = draft.Phones.Select(p => new ContactPointInput(p.Id, p.Label, p.Value, p.IsPrimary)).ToList(),
        Emails = draft.Emails.Select(p => new ContactPointInput(p.Id, p.Label, p.Value, p.IsPrimary)).ToList(),
        CustomFields = draft.CustomFields,
    };

    /// <summary><c>null</c> where a phone or e-mail object belongs (JSON allows it; a card cannot hold it).</summary>
    public IReadOnlyList<Dashboard.Domain.Common.FieldError> NullItems() =>
        (Phones ?? []).Select((p, i) => (p, Field: CardDraft.PhoneField(i)))
            .Concat((Emails ?? []).Select((p, i) => (p, Field: CardDraft.EmailField(i))))
            .Where(x => x.p is null)
            .Select(x => new Dashboard.Domain.Common.FieldError(x.Field, "contact.null", "Send each phone or e-mail as an object with label and value; null is not one (leave it out to remove it)."))
            .ToList();

    public CardKind Kind { get; init; } = CardKind.Individual;

    public string? Name { get; init; }

    public string? Company { get; init; }

    public string? Title { get; init; }

    public int? IndustryId { get; init; }

    public int? RegionId { get; init; }

    public string? Address { get; init; }

    public string? Postcode { get; init; }

    /// <summary>ISO 3166-1 alpha-2 code such as "US"; phones without a country code are read as its numbers.</summary>
    public string? Country { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public int? SourceChannelId { get; init; }

    public Guid? OwnerId { get; init; }

    public DateOnly? NextFollowUp { get; init; }

    public string? SpecialNeeds { get; init; }

    /// <summary>Read on create only; later moves go through <c>POST /cards/{id}/stage</c>.</summary>
    public LifecycleStage Stage { get; init; } = LifecycleStage.Prospect;

    public IReadOnlyList<int>? InterestIds { get; init; }

    public IReadOnlyList<int>? TagIds { get; init; }

    public IReadOnlyList<ContactPointInput>? Phones { get; init; }

    public IReadOnlyList<ContactPointInput>? Emails { get; init; }

    /// <summary>Values by custom field id; multi-choice values separated by ';'.</summary>
    public IReadOnlyDictionary<int, string?>? CustomFields { get; init; }

    public CardDraft ToDraft() => new()
    {
        Kind = Kind,
        Name = Name,
        Company = Company,
        Title = Title,
        IndustryId = IndustryId,
        RegionId = RegionId,
        Address = Address,
        Postcode = Postcode,
        Country = Country,
        DateOfBirth = DateOfBirth,
        SourceChannelId = SourceChannelId,
        OwnerId = OwnerId,
        NextFollowUp = NextFollowUp,
        SpecialNeeds = SpecialNeeds,
        Stage = Stage,
        InterestIds = [.. InterestIds ?? []],
        TagIds = [.. TagIds ?? []],
        Phones = (Phones ?? []).Select(Contact).ToList(),
        Emails = (Emails ?? []).Select(Contact).ToList(),
        CustomFields = (CustomFields ?? new Dictionary<int, string?>()).ToDictionary(f => f.Key, f => f.Value),
    };

    private static ContactPointDraft Contact(ContactPointInput p) => new() { Id = p.Id, Label = p.Label, Value = p.Value, IsPrimary = p.IsPrimary };
}

/// <summary>The stage to move the card to; only the moves of the lifecycle are allowed.</summary>
public sealed record StageChangeInput(LifecycleStage? Stage);

/// <summary>Which masked value to show in full: one contact point, or the card's address.</summary>
public sealed record RevealInput(Guid? ContactPointId, bool? Address);

/// <summary>The value in full; <c>logged</c> is true when the reveal was recorded in the audit trail.</summary>
public sealed record RevealResource(string Value, bool Logged);
