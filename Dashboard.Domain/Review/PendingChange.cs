using System.Text.Json;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.Review;

/// <summary>What a pending change is about.</summary>
public enum PendingChangeKind
{
    /// <summary>A card created by Sales: a real card, marked pending until a TeamLead approves it.</summary>
    NewCard,

    /// <summary>A changed list of phones and e-mails, not applied until approved.</summary>
    ContactPoints,

    /// <summary>A tier set by hand with its reason, not applied until approved.</summary>
    TierOverride,
}

public enum PendingChangeStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>One contact point as proposed or as it stood, in normalised form.</summary>
public sealed record ProposedContact(Guid? Id, ContactKind Kind, string Label, string Value, bool IsPrimary);

/// <summary>A manual tier and its reason as proposed.</summary>
public sealed record ProposedTier(CustomerTier Tier, string Reason);

/// <summary>
/// A maker's change waiting for a checker (PRODUCT.md C3 review queue). The proposed values are kept as JSON;
/// for contact points also the list as it stood, so an approval can tell that the card changed meanwhile.
/// </summary>
public sealed class PendingChange
{
    public const int ReasonMaxLength = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private PendingChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid CardId { get; private set; }

    public PendingChangeKind Kind { get; private set; }

    /// <summary>The proposed values as JSON: a list of <see cref="ProposedContact"/> or a <see cref="ProposedTier"/>; null for a new card.</summary>
    public string? ProposedJson { get; private set; }

    /// <summary>The contact points when the change was proposed, as JSON; null for other kinds.</summary>
    public string? BaseJson { get; private set; }

    public Guid MakerId { get; private set; }

    public DateTime MadeAt { get; private set; }

    public PendingChangeStatus Status { get; private set; }

    public Guid? CheckerId { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    /// <summary>Why the change was rejected; null otherwise.</summary>
    public string? Reason { get; private set; }

    public IReadOnlyList<ProposedContact> ProposedContacts =>
        Kind == PendingChangeKind.ContactPoints ? JsonSerializer.Deserialize<List<ProposedContact>>(ProposedJson!, Json)! : [];

    public IReadOnlyList<ProposedContact> BaseContacts =>
        Kind == PendingChangeKind.ContactPoints ? JsonSerializer.Deserialize<List<ProposedContact>>(BaseJson!, Json)! : [];

    public ProposedTier? ProposedTier =>
        Kind == PendingChangeKind.TierOverride ? JsonSerializer.Deserialize<ProposedTier>(ProposedJson!, Json) : null;

    internal static PendingChange NewCard(Guid cardId, Guid makerId, DateTime now) =>
        Create(cardId, PendingChangeKind.NewCard, null, null, makerId, now);

    internal static PendingChange ContactPoints(Guid cardId, IReadOnlyList<ProposedContact> proposed, IReadOnlyList<ProposedContact> current, Guid makerId, DateTime now) =>
        Create(cardId, PendingChangeKind.ContactPoints, JsonSerializer.Serialize(proposed, Json), JsonSerializer.Serialize(current, Json), makerId, now);

    internal static PendingChange Tier(Guid cardId, ProposedTier proposed, Guid makerId, DateTime now) =>
        Create(cardId, PendingChangeKind.TierOverride, JsonSerializer.Serialize(proposed, Json), null, makerId, now);

    internal void Approve(Guid checkerId, DateTime now) => Decide(PendingChangeStatus.Approved, checkerId, now, null);

    internal void Reject(Guid checkerId, DateTime now, string reason) => Decide(PendingChangeStatus.Rejected, checkerId, now, reason);

    private static PendingChange Create(Guid cardId, PendingChangeKind kind, string? proposed, string? baseline, Guid makerId, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        CardId = cardId,
        Kind = kind,
        ProposedJson = proposed,
        BaseJson = baseline,
        MakerId = makerId,
        MadeAt = now,
        Status = PendingChangeStatus.Pending,
    };

    private void Decide(PendingChangeStatus status, Guid checkerId, DateTime now, string? reason)
    {
        if (Status != PendingChangeStatus.Pending)
        {
            throw new InvalidOperationException("The change was decided already.");
        }

        Status = status;
        CheckerId = checkerId;
        DecidedAt = now;
        Reason = reason;
    }
}
