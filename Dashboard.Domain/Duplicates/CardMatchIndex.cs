using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Duplicates;

/// <summary>Keeps a card's stored blocking keys in step with the card, in the same unit of work as the change.</summary>
internal static class CardMatchIndex
{
    public static MatchProfile ProfileOf(CustomerCard card) => new(
        card.Kind, card.Name, card.Company, card.Address, card.Postcode, card.DateOfBirth,
        card.ContactPoints.Where(p => p.Kind == ContactKind.Phone).Select(p => p.Value).ToList(),
        card.ContactPoints.Where(p => p.Kind == ContactKind.Email).Select(p => p.Value).ToList());

    /// <summary>Adds the keys of a card being created.</summary>
    public static void AddNew(DashboardDbContext db, CustomerCard card)
    {
        foreach (var key in MatchKeys.For(MatchFeatures.From(ProfileOf(card))))
        {
            db.CardMatchKeys.Add(new CardMatchKey(card.Id, key));
        }

        card.MarkMatchKeys(MatchKeys.Version);
    }

    /// <summary>Replaces the stored keys of a changed card with its current ones; a merged card keeps none.</summary>
    public static async Task UpdateAsync(DashboardDbContext db, CustomerCard card, CancellationToken ct)
    {
        // Stored keys read back as their keyed hashes (ProtectedColumns), so the wanted keys are compared hashed.
        var wanted = card.MergedIntoId is null
            ? MatchKeys.For(MatchFeatures.From(ProfileOf(card))).Select(db.Protector.Hash).ToHashSet(StringComparer.Ordinal)
            : [];
        var stored = await db.CardMatchKeys.Where(k => k.CardId == card.Id).ToListAsync(ct);
        db.CardMatchKeys.RemoveRange(stored.Where(k => !wanted.Contains(k.Key)));
        var kept = stored.Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        db.CardMatchKeys.AddRange(wanted.Where(k => !kept.Contains(k)).Select(k => new CardMatchKey(card.Id, k)));
        card.MarkMatchKeys(MatchKeys.Version);
    }
}
