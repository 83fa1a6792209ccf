using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Changes;

/// <summary>What happened to a card.</summary>
public enum CardChangeKind
{
    Created,
    Updated,
    StageChanged,
    TierChanged,
    InteractionLogged,
    PurchaseRecorded,
    RemarkAdded,
    RemarkEdited,

    /// <summary>Values were verified with the customer and none corrected.</summary>
    Verified,
    Merged,
    MergeUndone,
}

/// <summary>A saved change to a card, published after the transaction committed.</summary>
public sealed record CardChange(Guid CardId, string Code, CardChangeKind Kind, Guid ActorId, int Version, DateTime At)
{
    /// <summary>The change <paramref name="actor"/> just saved to <paramref name="card"/>, at its saved version and time.</summary>
    public static CardChange Of(Customers.CustomerCard card, CardChangeKind kind, Access.Actor actor) =>
        new(card.Id, card.Code, kind, actor.StaffId, card.Version, card.UpdatedAt);
}

/// <summary>
/// Process-wide broadcaster of saved card changes. Open screens subscribe to refresh themselves;
/// a failing subscriber never fails the save that published.
/// </summary>
public sealed class CardChangeNotifier(ILogger<CardChangeNotifier> logger)
{
    public event Action<CardChange>? Changed;

    public void Publish(CardChange change)
    {
        var handlers = Changed?.GetInvocationList() ?? [];
        foreach (var handler in handlers.Cast<Action<CardChange>>())
        {
            try
            {
                handler(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A card change subscriber failed for {CardCode}", change.Code);
            }
        }
    }
}
