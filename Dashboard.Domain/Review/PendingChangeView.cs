using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.Review;

/// <summary>
/// A pending change as the queue and the card page show it: the card, the maker, and the current beside the
/// proposed values. Contact values are masked for viewers without the right to see them in full.
/// </summary>
public sealed record PendingChangeView(
    Guid Id,
    Guid CardId,
    string CardCode,
    string CardName,
    PendingChangeKind Kind,
    Guid MakerId,
    string MakerName,
    DateTime MadeAt,
    IReadOnlyList<ProposedContact> CurrentContacts,
    IReadOnlyList<ProposedContact> ProposedContacts,
    CustomerTier? CurrentTier,
    ProposedTier? ProposedTier,
    bool CanDecide)
{
    /// <summary>Proposed contact points that are not on the card yet (new or changed values).</summary>
    public IEnumerable<ProposedContact> Added =>
        ProposedContacts.Where(p => !CurrentContacts.Any(c => c.Kind == p.Kind && c.Value == p.Value && c.Label == p.Label && c.IsPrimary == p.IsPrimary));

    /// <summary>Contact points on the card that the proposal removes or changes.</summary>
    public IEnumerable<ProposedContact> Removed =>
        CurrentContacts.Where(c => !ProposedContacts.Any(p => c.Kind == p.Kind && c.Value == p.Value && c.Label == p.Label && c.IsPrimary == p.IsPrimary));
}

/// <summary>An in-app message as the bell shows it.</summary>
public sealed record NotificationView(Guid Id, string TextKey, IReadOnlyList<string> Args, string? Link, DateTime CreatedAt, bool IsRead);
