namespace Dashboard.Domain.Duplicates;

/// <summary>
/// One stored blocking key of a card (see <see cref="MatchKeys"/>). The write path replaces a card's keys on every
/// save, so that the batch scan finds candidate pairs with an index lookup instead of comparing every pair.
/// </summary>
public sealed class CardMatchKey
{
    private CardMatchKey()
    {
        Key = string.Empty;
    }

    internal CardMatchKey(Guid cardId, string key)
    {
        CardId = cardId;
        Key = key;
    }

    public Guid CardId { get; private set; }

    public string Key { get; private set; }
}
