using Dashboard.Domain.Access;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.ReferenceData;
using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.Customers;

/// <summary>
/// The customer profile card (客户档案卡). State changes only through its methods, each of which
/// moves <see cref="Version"/> on so that concurrent edits are detected.
/// </summary>
public sealed class CustomerCard
{
    public const int NameMaxLength = 200;
    public const int CompanyMaxLength = 200;
    public const int TitleMaxLength = 100;
    public const int AddressMaxLength = 500;
    public const int SpecialNeedsMaxLength = 2000;
    public const int TierReasonMaxLength = 500;
    public const int CodeMaxLength = 20;

    private readonly List<ContactPoint> _contactPoints = [];
    private readonly List<Interaction> _interactions = [];
    private readonly List<Purchase> _purchases = [];
    private readonly List<Remark> _remarks = [];
    private readonly List<StageTransition> _stageHistory = [];
    private readonly List<Tag> _tags = [];
    private readonly List<ListItem> _interests = [];
    private readonly List<CustomFieldValue> _customFieldValues = [];

    private CustomerCard()
    {
        Code = string.Empty;
        DisplayName = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Sequential number behind <see cref="Code"/>.</summary>
    public long Number { get; private set; }

    /// <summary>Human-readable unique code, e.g. C-000042.</summary>
    public string Code { get; private set; }

    public CardKind Kind { get; private set; }

    /// <summary>The person's name for individuals, the company name for companies.</summary>
    public string DisplayName { get; private set; }

    public string? Name { get; private set; }

    public string? Company { get; private set; }

    public string? Title { get; private set; }

    public int? IndustryId { get; private set; }

    public ListItem? Industry { get; private set; }

    public int? RegionId { get; private set; }

    public ListItem? Region { get; private set; }

    public string? Address { get; private set; }

    public int? SourceChannelId { get; private set; }

    public ListItem? SourceChannel { get; private set; }

    public Guid OwnerId { get; private set; }

    public StaffMember? Owner { get; private set; }

    /// <summary>The owner's team when the card was last assigned; access rules use it.</summary>
    public Guid? TeamId { get; private set; }

    public DateOnly? NextFollowUp { get; private set; }

    public string? SpecialNeeds { get; private set; }

    public LifecycleStage Stage { get; private set; }

    public CustomerTier? Tier { get; private set; }

    public string? TierReason { get; private set; }

    public Guid? TierSetBy { get; private set; }

    public DateTime? TierSetAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public Guid UpdatedBy { get; private set; }

    /// <summary>Optimistic concurrency token: goes up by one on every change.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// Goes up only when the editable sections change, so an edit form is refused when someone else
    /// changed those sections, not when a colleague merely logged a call or a purchase meanwhile.
    /// </summary>
    public int DetailsVersion { get; private set; }

    public IReadOnlyList<ContactPoint> ContactPoints => _contactPoints;

    public IReadOnlyList<Interaction> Interactions => _interactions;

    public IReadOnlyList<Purchase> Purchases => _purchases;

    public IReadOnlyList<Remark> Remarks => _remarks;

    public IReadOnlyList<StageTransition> StageHistory => _stageHistory;

    public IReadOnlyList<Tag> Tags => _tags;

    public IReadOnlyList<ListItem> Interests => _interests;

    public IReadOnlyList<CustomFieldValue> CustomFieldValues => _customFieldValues;

    /// <summary>Creates a card from validated values; the first stage is recorded in the history.</summary>
    public static CustomerCard Create(Guid id, long number, CardValues values, LifecycleStage initialStage, Guid actorId, DateTime now)
    {
        if (!LifecycleRules.IsValidInitial(initialStage))
        {
            throw new ArgumentException($"A card cannot start as {initialStage}.", nameof(initialStage));
        }

        var card = new CustomerCard
        {
            Id = id,
            Number = number,
            Code = CardCode.Format(number),
            Stage = initialStage,
            CreatedAt = now,
            CreatedBy = actorId,
        };
        card.Apply(values);
        card.DetailsVersion = 1;
        card._stageHistory.Add(new StageTransition(Guid.NewGuid(), null, initialStage, actorId, now));
        card.Touch(actorId, now);
        return card;
    }

    /// <summary>Replaces the editable sections (basics, contacts, classification lists, custom fields).</summary>
    public void UpdateDetails(CardValues values, Guid actorId, DateTime now)
    {
        Apply(values);
        DetailsVersion++;
        Touch(actorId, now);
    }

    public void MoveToStage(LifecycleStage to, Guid actorId, DateTime now)
    {
        if (!LifecycleRules.CanMove(Stage, to))
        {
            throw new InvalidOperationException($"A card cannot move from {Stage} to {to}.");
        }

        _stageHistory.Add(new StageTransition(Guid.NewGuid(), Stage, to, actorId, now));
        Stage = to;
        Touch(actorId, now);
    }

    /// <summary>Sets or clears the tier by hand; the reason is kept beside it.</summary>
    public void SetTier(CustomerTier? tier, string reason, Guid actorId, DateTime now)
    {
        Tier = tier;
        TierReason = reason;
        TierSetBy = actorId;
        TierSetAt = now;
        Touch(actorId, now);
    }

    public Interaction LogInteraction(InteractionKind kind, DateTime occurredAt, string summary, string? outcome, Guid actorId, DateTime now)
    {
        var interaction = new Interaction(Guid.NewGuid(), kind, occurredAt, actorId, summary, outcome);
        _interactions.Add(interaction);
        Touch(actorId, now);
        return interaction;
    }

    public Purchase RecordPurchase(string product, DateOnly purchasedOn, decimal quantity, decimal amount, string currency, Guid actorId, DateTime now)
    {
        var purchase = new Purchase(Guid.NewGuid(), product, purchasedOn, quantity, amount, currency, actorId, now);
        _purchases.Add(purchase);
        Touch(actorId, now);
        return purchase;
    }

    public Remark AddRemark(string text, Guid actorId, DateTime now)
    {
        var remark = new Remark(Guid.NewGuid(), actorId, now, text);
        _remarks.Add(remark);
        Touch(actorId, now);
        return remark;
    }

    public void EditRemark(Guid remarkId, string text, Guid actorId, DateTime now)
    {
        var remark = _remarks.SingleOrDefault(r => r.Id == remarkId)
            ?? throw new InvalidOperationException("The remark does not belong to this card.");
        remark.Edit(text, actorId, now);
        Touch(actorId, now);
    }

    /// <summary>A flat, readable picture of the editable fields, for field-level audit.</summary>
    public IReadOnlyDictionary<string, string?> Snapshot()
    {
        static string? Join(IEnumerable<string> parts) => parts.Any() ? string.Join("; ", parts) : null;

        string? Contacts(ContactKind kind) => Join(_contactPoints
            .Where(p => p.Kind == kind)
            .OrderByDescending(p => p.IsPrimary)
            .Select(p => $"{p.Label}: {p.Value}{(p.IsPrimary ? " (primary)" : string.Empty)}"));

        var snapshot = new Dictionary<string, string?>
        {
            [nameof(Kind)] = Kind.ToString(),
            [nameof(Name)] = Name,
            [nameof(Company)] = Company,
            [nameof(Title)] = Title,
            [nameof(Industry)] = Industry?.Name,
            [nameof(Region)] = Region?.Name,
            [nameof(Address)] = Address,
            [nameof(SourceChannel)] = SourceChannel?.Name,
            [nameof(Owner)] = Owner?.DisplayName ?? OwnerId.ToString(),
            [nameof(NextFollowUp)] = NextFollowUp?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            [nameof(SpecialNeeds)] = SpecialNeeds,
            [nameof(Stage)] = Stage.ToString(),
            [nameof(Tier)] = Tier?.ToString(),
            [nameof(TierReason)] = TierReason,
            ["Phones"] = Contacts(ContactKind.Phone),
            ["Emails"] = Contacts(ContactKind.Email),
            [nameof(Interests)] = Join(_interests.Select(i => i.Name).Order(StringComparer.Ordinal)),
            [nameof(Tags)] = Join(_tags.Select(t => t.Name).Order(StringComparer.Ordinal)),
        };
        foreach (var value in _customFieldValues)
        {
            snapshot[$"Custom: {value.Field?.Label ?? value.FieldId.ToString(System.Globalization.CultureInfo.InvariantCulture)}"] = value.Value;
        }

        return snapshot;
    }

    private void Apply(CardValues values)
    {
        Kind = values.Kind;
        Name = values.Name;
        Company = values.Company;
        Title = values.Title;
        DisplayName = values.DisplayName;
        Industry = values.Industry;
        IndustryId = values.Industry?.Id;
        Region = values.Region;
        RegionId = values.Region?.Id;
        Address = values.Address;
        SourceChannel = values.SourceChannel;
        SourceChannelId = values.SourceChannel?.Id;
        Owner = values.Owner;
        OwnerId = values.Owner.Id;
        TeamId = values.Owner.TeamId;
        NextFollowUp = values.NextFollowUp;
        SpecialNeeds = values.SpecialNeeds;
        ReplaceList(_interests, values.Interests);
        ReplaceList(_tags, values.Tags);
        ApplyContactPoints(values.ContactPoints);
        ApplyCustomFields(values.CustomFields);
    }

    private static void ReplaceList<T>(List<T> current, IReadOnlyList<T> wanted)
    {
        current.RemoveAll(item => !wanted.Contains(item));
        current.AddRange(wanted.Where(item => !current.Contains(item)));
    }

    private void ApplyContactPoints(IReadOnlyList<ValidContactPoint> wanted)
    {
        var keptIds = wanted.Where(w => w.Id is not null).Select(w => w.Id!.Value).ToHashSet();
        _contactPoints.RemoveAll(p => !keptIds.Contains(p.Id));
        foreach (var point in wanted)
        {
            var existing = point.Id is null ? null : _contactPoints.SingleOrDefault(p => p.Id == point.Id);
            if (existing is null)
            {
                _contactPoints.Add(new ContactPoint(Guid.NewGuid(), point.Kind, point.Label, point.Value, point.IsPrimary));
            }
            else
            {
                existing.Update(point.Label, point.Value, point.IsPrimary);
            }
        }
    }

    private void ApplyCustomFields(IReadOnlyList<(CustomFieldDefinition Field, string Value)> wanted)
    {
        var wantedIds = wanted.Select(w => w.Field.Id).ToHashSet();
        // A retired field is no longer on the form, so it is never "wanted"; its stored value stays all the same.
        _customFieldValues.RemoveAll(v => !wantedIds.Contains(v.FieldId) && v.Field?.IsActive != false);
        foreach (var (field, value) in wanted)
        {
            var existing = _customFieldValues.SingleOrDefault(v => v.FieldId == field.Id);
            if (existing is null)
            {
                _customFieldValues.Add(new CustomFieldValue(field, value));
            }
            else
            {
                existing.Set(value);
            }
        }
    }

    private void Touch(Guid actorId, DateTime now)
    {
        UpdatedAt = now;
        UpdatedBy = actorId;
        Version++;
    }
}
