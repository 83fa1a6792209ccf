using Dashboard.Domain.Access;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Quality;
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
    public const int PostcodeMaxLength = 20;
    public const int CountryLength = 2;

    private readonly List<ContactPoint> _contactPoints = [];
    private readonly List<Interaction> _interactions = [];
    private readonly List<Purchase> _purchases = [];
    private readonly List<Remark> _remarks = [];
    private readonly List<StageTransition> _stageHistory = [];
    private readonly List<Tag> _tags = [];
    private readonly List<ListItem> _interests = [];
    private readonly List<CustomFieldValue> _customFieldValues = [];
    private readonly List<Changes.CardEvent> _events = [];

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

    /// <summary>Postal code as typed (trimmed, upper case); with the address it tells people apart.</summary>
    public string? Postcode { get; private set; }

    /// <summary>
    /// The customer's country (ISO 3166-1 alpha-2, e.g. <c>US</c>); phones typed without a country code are read as its
    /// numbers. Null: unknown, and the default phone region reads them.
    /// </summary>
    public string? Country { get; private set; }

    /// <summary>Individuals only; with the name it tells people apart.</summary>
    public DateOnly? DateOfBirth { get; private set; }

    public int? SourceChannelId { get; private set; }

    public ListItem? SourceChannel { get; private set; }

    public Guid OwnerId { get; private set; }

    public StaffMember? Owner { get; private set; }

    /// <summary>The owner's team when the card was last assigned; access rules use it.</summary>
    public Guid? TeamId { get; private set; }

    public DateOnly? NextFollowUp { get; private set; }

    public string? SpecialNeeds { get; private set; }

    public LifecycleStage Stage { get; private set; }

    /// <summary>The effective tier: the computed one, or the one set by hand when <see cref="TierSource"/> is Manual.</summary>
    public CustomerTier? Tier { get; private set; }

    public TierSource TierSource { get; private set; }

    /// <summary>The tier the purchase history gives, kept current even while a manual tier overrides it.</summary>
    public CustomerTier? ComputedTier { get; private set; }

    /// <summary>Value of the purchases in the window in the reporting currency, in hundredths, when last computed.</summary>
    public long TierMonetaryMinor { get; private set; }

    /// <summary>Number of purchases in the window when last computed.</summary>
    public int TierPurchaseCount { get; private set; }

    /// <summary>Date of the last purchase in the window when last computed.</summary>
    public DateOnly? TierLastPurchaseOn { get; private set; }

    /// <summary>When the figures above were last written; null for a card whose tier was never computed.</summary>
    public DateTime? TierComputedAt { get; private set; }

    /// <summary>Why the tier was set by hand; null while it is computed.</summary>
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

    /// <summary>When the customer last confirmed the name (null: never); cleared when the name changes.</summary>
    public DateOnly? NameVerifiedOn { get; private set; }

    public DateOnly? CompanyVerifiedOn { get; private set; }

    public DateOnly? TitleVerifiedOn { get; private set; }

    public DateOnly? AddressVerifiedOn { get; private set; }

    /// <summary>The quality score 0–100 when last scored; null before the first scoring.</summary>
    public int? QualityScore { get; private set; }

    public QualityBand? QualityBand { get; private set; }

    /// <summary>The rules the card failed when last scored, for filters and counts in SQL.</summary>
    public QualityRule QualityFailures { get; private set; }

    /// <summary>The last day on which every value was within its verification SLA; overdue on any later day.</summary>
    public DateOnly? VerificationDueOn { get; private set; }

    /// <summary>The score's explanation (<see cref="Quality.QualityBreakdown"/>) as JSON.</summary>
    public string? QualityBreakdownJson { get; private set; }

    /// <summary>When the stored score last changed (UTC); a later run over all cards vouches for it up to that run.</summary>
    public DateTime? QualityScoredAt { get; private set; }

    /// <summary>The card this one was merged into; a merged card is hidden from lists and kept only so that the merge can be undone.</summary>
    public Guid? MergedIntoId { get; private set; }

    public DateTime? MergedAt { get; private set; }

    /// <summary>The <see cref="Duplicates.MatchKeys.Version"/> of the card's stored blocking keys; 0 when they were never written.</summary>
    public int MatchKeysVersion { get; private set; }

    public IReadOnlyList<ContactPoint> ContactPoints => _contactPoints;

    public IReadOnlyList<Interaction> Interactions => _interactions;

    public IReadOnlyList<Purchase> Purchases => _purchases;

    public IReadOnlyList<Remark> Remarks => _remarks;

    public IReadOnlyList<StageTransition> StageHistory => _stageHistory;

    public IReadOnlyList<Tag> Tags => _tags;

    public IReadOnlyList<ListItem> Interests => _interests;

    public IReadOnlyList<CustomFieldValue> CustomFieldValues => _customFieldValues;

    /// <summary>What changed since the card was loaded or its events were last dispatched (not stored).</summary>
    public IReadOnlyList<Changes.CardEvent> Events => _events;

    /// <summary>Gives back events the dispatcher took for a save that then failed.</summary>
    internal void ReturnEvents(IReadOnlyList<Changes.CardEvent> events) => _events.InsertRange(0, events);

    /// <summary>Hands the events raised so far to the dispatcher, once.</summary>
    internal IReadOnlyList<Changes.CardEvent> TakeEvents()
    {
        var taken = _events.ToList();
        _events.Clear();
        return taken;
    }

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

        // Without purchases there is no tier: that is the computation's answer for a new card.
        card.TierComputedAt = now;
        card._stageHistory.Add(new StageTransition(Guid.CreateVersion7(), null, initialStage, actorId, now));
        card.Touch(actorId, now);
        card._events.Add(new Changes.CardCreated(id, card.Code, actorId, now));
        return card;
    }

    /// <summary>
    /// Replaces the editable sections (basics, contacts, classification lists, custom fields). The contact points are
    /// applied only with the review gate's clearance for exactly that list.
    /// </summary>
    internal void UpdateDetails(CardValues values, Review.ReviewGate.Clearance contacts, Guid actorId, DateTime now)
    {
        if (!contacts.Allows(Id, values.ContactPoints))
        {
            throw new InvalidOperationException("The review gate did not clear these contact points.");
        }

        var before = Snapshot();
        var dimensions = Dimensions;
        Apply(values);
        DetailsVersion++;
        Touch(actorId, now);
        RaiseDetailsChanged(before, dimensions, actorId, now);
    }

    /// <summary>Owner, team, region and industry: what dashboards filter and scope by.</summary>
    private (Guid Owner, Guid? Team, int? Region, int? Industry) Dimensions => (OwnerId, TeamId, RegionId, IndustryId);

    private void RaiseDetailsChanged(IReadOnlyDictionary<string, string?> before, (Guid, Guid?, int?, int?) dimensions, Guid actorId, DateTime now)
    {
        var fields = Audit.AuditEntry.Diff(before, Snapshot()).Select(c => c.Field).ToList();
        if (fields.Count > 0 || dimensions != Dimensions)
        {
            _events.Add(new Changes.CardDetailsChanged(Id, Code, actorId, now, fields, dimensions != Dimensions));
        }
    }

    public void MoveToStage(LifecycleStage to, Guid actorId, DateTime now)
    {
        if (!LifecycleRules.CanMove(Stage, to))
        {
            throw new InvalidOperationException($"A card cannot move from {Stage} to {to}.");
        }

        _stageHistory.Add(new StageTransition(Guid.CreateVersion7(), Stage, to, actorId, now));
        _events.Add(new Changes.CardStageChanged(Id, Code, actorId, now, Stage, to));
        Stage = to;
        Touch(actorId, now);
    }

    /// <summary>
    /// Sets the tier by hand, overriding the computed one until the override is cleared; the reason is kept beside it.
    /// Only with the review gate's clearance for that tier.
    /// </summary>
    internal void SetTier(CustomerTier tier, string reason, Review.ReviewGate.Clearance clearance, Guid actorId, DateTime now)
    {
        if (!clearance.Allows(Id, tier))
        {
            throw new InvalidOperationException("The review gate did not clear this tier.");
        }

        var before = Tier;
        Tier = tier;
        TierSource = TierSource.Manual;
        TierReason = reason;
        TierSetBy = actorId;
        TierSetAt = now;
        Touch(actorId, now);
        _events.Add(new Changes.CardTierChanged(Id, Code, actorId, now, before, tier, ByHand: true));
    }

    /// <summary>Ends a manual override: the card takes its computed tier again.</summary>
    public void ClearTierOverride(Guid actorId, DateTime now)
    {
        if (TierSource != TierSource.Manual)
        {
            throw new InvalidOperationException("The tier is not set by hand.");
        }

        var before = Tier;
        Tier = ComputedTier;
        TierSource = TierSource.Computed;
        TierReason = null;
        TierSetBy = null;
        TierSetAt = null;
        Touch(actorId, now);
        _events.Add(new Changes.CardTierChanged(Id, Code, actorId, now, before, Tier, ByHand: false));
    }

    /// <summary>
    /// Stores a new computation: the figures always, the computed tier always, and the effective tier unless it
    /// is set by hand. The card counts as changed (a new version) only when a tier changed.
    /// </summary>
    /// <returns>True when <see cref="Tier"/> or <see cref="ComputedTier"/> changed.</returns>
    public bool ApplyTierAssessment(TierAssessment assessment, Guid actorId, DateTime now)
    {
        var tier = Tier;
        var changed = StoreAssessment(assessment, now);
        if (changed)
        {
            Touch(actorId, now);
            if (tier != Tier)
            {
                _events.Add(new Changes.CardTierChanged(Id, Code, actorId, now, tier, Tier, ByHand: false));
            }
        }

        return changed;
    }

    public Interaction LogInteraction(InteractionKind kind, DateTime occurredAt, string summary, string? outcome, Guid actorId, DateTime now)
    {
        var interaction = new Interaction(Guid.CreateVersion7(), kind, occurredAt, actorId, summary, outcome);
        _interactions.Add(interaction);
        Touch(actorId, now);
        _events.Add(new Changes.InteractionLogged(Id, Code, actorId, now, interaction.Id));
        return interaction;
    }

    /// <summary>
    /// Records a purchase. <paramref name="tierAfter"/>, when given, is the tier computed with this purchase
    /// included; it is stored in the same change.
    /// </summary>
    public Purchase RecordPurchase(string product, DateOnly purchasedOn, decimal quantity, decimal amount, string currency, Guid actorId, DateTime now, TierAssessment? tierAfter = null)
    {
        var purchase = new Purchase(Guid.CreateVersion7(), product, purchasedOn, quantity, amount, currency, actorId, now);
        _purchases.Add(purchase);
        var tier = Tier;
        if (tierAfter is not null && StoreAssessment(tierAfter, now) && tier != Tier)
        {
            _events.Add(new Changes.CardTierChanged(Id, Code, actorId, now, tier, Tier, ByHand: false));
        }

        Touch(actorId, now);
        _events.Add(new Changes.PurchaseRecorded(Id, Code, actorId, now, purchase.Id));
        return purchase;
    }

    public Remark AddRemark(string text, Guid actorId, DateTime now)
    {
        var remark = new Remark(Guid.CreateVersion7(), actorId, now, text);
        _remarks.Add(remark);
        Touch(actorId, now);
        _events.Add(new Changes.RemarkWritten(Id, Code, actorId, now, remark.Id, Edited: false));
        return remark;
    }

    public void EditRemark(Guid remarkId, string text, Guid actorId, DateTime now)
    {
        var remark = _remarks.SingleOrDefault(r => r.Id == remarkId)
            ?? throw new InvalidOperationException("The remark does not belong to this card.");
        remark.Edit(text, actorId, now);
        Touch(actorId, now);
        _events.Add(new Changes.RemarkWritten(Id, Code, actorId, now, remarkId, Edited: true));
    }

    /// <summary>
    /// Stores a quality assessment. The score is derived, so the card's versions do not move and nobody's open edit
    /// conflicts with a rescoring.
    /// </summary>
    /// <returns>True when anything stored changed.</returns>
    internal bool ApplyQuality(QualityAssessment assessment, DateTime now)
    {
        var breakdown = Quality.QualityBreakdown.Of(assessment).ToJson();
        if (QualityScore == assessment.Score && QualityBand == assessment.Band && QualityFailures == assessment.Failures
            && VerificationDueOn == assessment.VerificationDueOn && QualityBreakdownJson == breakdown)
        {
            return false;
        }

        var scoreChanged = QualityScore != assessment.Score;
        QualityScore = assessment.Score;
        QualityBand = assessment.Band;
        QualityFailures = assessment.Failures;
        VerificationDueOn = assessment.VerificationDueOn;
        QualityBreakdownJson = breakdown;
        QualityScoredAt = now;
        if (scoreChanged)
        {
            _events.Add(new Changes.CardQualityScored(Id, Code, Guid.Empty, now, assessment.Score));
        }

        return true;
    }

    /// <summary>Records that the customer confirmed these basic fields and contact points (or gave their corrected values) on <paramref name="on"/>.</summary>
    internal void MarkVerified(IReadOnlyCollection<QualityFields> fields, IReadOnlyCollection<Guid> contactPointIds, DateOnly on, Guid actorId, DateTime now)
    {
        foreach (var field in fields)
        {
            switch (field)
            {
                case QualityFields.Name:
                    NameVerifiedOn = on;
                    break;
                case QualityFields.Company:
                    CompanyVerifiedOn = on;
                    break;
                case QualityFields.Title:
                    TitleVerifiedOn = on;
                    break;
                case QualityFields.Address:
                    AddressVerifiedOn = on;
                    break;
                default:
                    throw new ArgumentException($"{field} is not verified on its own.", nameof(fields));
            }
        }

        foreach (var point in _contactPoints.Where(p => contactPointIds.Contains(p.Id)))
        {
            point.MarkVerified(on);
        }

        Touch(actorId, now);
        _events.Add(new Changes.CardVerified(Id, Code, actorId, now));
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
            [nameof(Postcode)] = Postcode,
            [nameof(Country)] = Country,
            [nameof(DateOfBirth)] = DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
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

    /// <summary>Records that the card's blocking keys were stored for <paramref name="version"/>; not a change of the card.</summary>
    internal void MarkMatchKeys(int version) => MatchKeysVersion = version;

    /// <summary>
    /// Takes over the other card's interactions, purchases, remarks and stage moves (a merge); returns what moved,
    /// so that <see cref="GiveBack"/> can undo it.
    /// </summary>
    internal Duplicates.MovedChildren TakeOver(CustomerCard other, Guid actorId, DateTime now)
    {
        var moved = new Duplicates.MovedChildren(
            [.. other._interactions.Select(i => i.Id)],
            [.. other._purchases.Select(p => p.Id)],
            [.. other._remarks.Select(r => r.Id)],
            [.. other._stageHistory.Select(t => t.Id)]);
        Move(other._interactions, _interactions, _ => true);
        Move(other._purchases, _purchases, _ => true);
        Move(other._remarks, _remarks, _ => true);
        Move(other._stageHistory, _stageHistory, _ => true);
        Touch(actorId, now);
        _events.Add(new Changes.CardMerged(Id, Code, actorId, now, Id, other.Id, other.Code, IsSurvivor: true));
        return moved;
    }

    /// <summary>Hands back to <paramref name="other"/> the children a merge moved here (undoing it).</summary>
    internal void GiveBack(CustomerCard other, Duplicates.MovedChildren moved, Guid actorId, DateTime now)
    {
        Move(_interactions, other._interactions, i => moved.Interactions.Contains(i.Id));
        Move(_purchases, other._purchases, p => moved.Purchases.Contains(p.Id));
        Move(_remarks, other._remarks, r => moved.Remarks.Contains(r.Id));
        Move(_stageHistory, other._stageHistory, t => moved.StageTransitions.Contains(t.Id));
        Touch(actorId, now);
        _events.Add(new Changes.CardUnmerged(Id, Code, actorId, now, Id, other.Id, IsSurvivor: true));
    }

    /// <summary>Marks this card as merged into <paramref name="survivorId"/>: hidden from lists, kept for undo.</summary>
    internal void MarkMerged(Guid survivorId, Guid actorId, DateTime now)
    {
        MergedIntoId = survivorId;
        MergedAt = now;
        Touch(actorId, now);
        _events.Add(new Changes.CardMerged(Id, Code, actorId, now, survivorId, Id, Code, IsSurvivor: false));
    }

    internal void Unmerge(Guid actorId, DateTime now)
    {
        var survivor = MergedIntoId ?? Guid.Empty;
        MergedIntoId = null;
        MergedAt = null;
        Touch(actorId, now);
        _events.Add(new Changes.CardUnmerged(Id, Code, actorId, now, survivor, Id, IsSurvivor: false));
    }

    /// <summary>
    /// Puts the editable sections back exactly as recorded (undoing a merge): the same values, contact points with
    /// their ids and verification dates, list entries even if retired since. Not validated again: they were valid then.
    /// </summary>
    internal void RestoreSections(CardValues values, IReadOnlyList<Duplicates.ContactPointState> contactPoints, Guid actorId, DateTime now)
    {
        var before = Snapshot();
        var dimensions = Dimensions;
        // Points still on the card are updated in place; the others are removed, then those that had gone come back with their ids.
        Apply(values with
        {
            ContactPoints = contactPoints.Where(c => _contactPoints.Any(p => p.Id == c.Id))
                .Select(c => new ValidContactPoint(c.Id, c.Kind, c.Label, c.Value, c.IsPrimary)).ToList(),
        });
        foreach (var state in contactPoints)
        {
            var existing = _contactPoints.SingleOrDefault(p => p.Id == state.Id);
            if (existing is null)
            {
                _contactPoints.Add(ContactPoint.Restore(state.Id, state.Kind, state.Label, state.Value, state.IsPrimary, state.LastVerifiedOn));
            }
            else
            {
                existing.RestoreVerified(state.LastVerifiedOn);
            }
        }

        DetailsVersion++;
        Touch(actorId, now);
        RaiseDetailsChanged(before, dimensions, actorId, now);
    }

    private static void Move<T>(List<T> from, List<T> to, Func<T, bool> which)
    {
        var moving = from.Where(which).ToList();
        from.RemoveAll(moving.Contains);
        to.AddRange(moving);
    }

    private void Apply(CardValues values)
    {
        // A changed value has not been confirmed with the customer yet.
        NameVerifiedOn = values.Name == Name ? NameVerifiedOn : null;
        CompanyVerifiedOn = values.Company == Company ? CompanyVerifiedOn : null;
        TitleVerifiedOn = values.Title == Title ? TitleVerifiedOn : null;
        AddressVerifiedOn = values.Address == Address ? AddressVerifiedOn : null;
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
        Postcode = values.Postcode;
        Country = values.Country;
        DateOfBirth = values.DateOfBirth;
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
                _contactPoints.Add(new ContactPoint(Guid.CreateVersion7(), point.Kind, point.Label, point.Value, point.IsPrimary));
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

    private bool StoreAssessment(TierAssessment assessment, DateTime now)
    {
        var before = (Tier, ComputedTier);
        ComputedTier = assessment.Tier;
        TierMonetaryMinor = assessment.Figures.MonetaryMinor;
        TierPurchaseCount = assessment.Figures.PurchaseCount;
        TierLastPurchaseOn = assessment.Figures.LastPurchaseOn;
        TierComputedAt = now;
        if (TierSource == TierSource.Computed)
        {
            Tier = assessment.Tier;
        }

        return before != (Tier, ComputedTier);
    }

    private void Touch(Guid actorId, DateTime now)
    {
        UpdatedAt = now;
        UpdatedBy = actorId;
        Version++;
    }
}
