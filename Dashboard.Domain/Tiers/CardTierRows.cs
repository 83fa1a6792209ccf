using Dashboard.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Tiers;

/// <summary>A card's stored tier state next to the figures its purchases give now, summed by the database.</summary>
internal sealed record CardTierRow(
    Guid Id,
    long Number,
    TierSource Source,
    CustomerTier? Tier,
    CustomerTier? ComputedTier,
    long StoredMonetaryMinor,
    int StoredPurchaseCount,
    DateOnly? StoredLastPurchaseOn,
    DateTime? ComputedAt,
    TierFigures Figures)
{
    /// <summary>True when storing <paramref name="assessment"/> would change anything on the card.</summary>
    public bool Differs(TierAssessment assessment) =>
        ComputedAt is null
        || ComputedTier != assessment.Tier
        || (Source == TierSource.Computed && Tier != assessment.Tier)
        || StoredMonetaryMinor != Figures.MonetaryMinor
        || StoredPurchaseCount != Figures.PurchaseCount
        || StoredLastPurchaseOn != Figures.LastPurchaseOn;
}

/// <summary>The one query that sums purchases for tiers, so that every path computes from the same figures.</summary>
internal static class CardTierRows
{
    /// <summary>
    /// Per card: value in the reporting currency, count and last date of the purchases on or after
    /// <paramref name="windowStart"/>, and whether it has any purchase at all. Runs as correlated subqueries
    /// on the (CardId, PurchasedOn) index; purchases are never loaded.
    /// </summary>
    public static async Task<List<CardTierRow>> ReadAsync(IQueryable<CustomerCard> cards, DateOnly windowStart, string reportingCurrency, CancellationToken ct)
    {
        var rows = await cards
            .Select(c => new
            {
                c.Id,
                c.Number,
                c.TierSource,
                c.Tier,
                c.ComputedTier,
                c.TierMonetaryMinor,
                c.TierPurchaseCount,
                c.TierLastPurchaseOn,
                c.TierComputedAt,
                Monetary = c.Purchases.Where(p => p.PurchasedOn >= windowStart && p.Currency == reportingCurrency).Sum(p => p.AmountMinor),
                Count = c.Purchases.Count(p => p.PurchasedOn >= windowStart),
                Last = c.Purchases.Where(p => p.PurchasedOn >= windowStart).Max(p => (DateOnly?)p.PurchasedOn),
                Any = c.Purchases.Any(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new CardTierRow(
                r.Id, r.Number, r.TierSource, r.Tier, r.ComputedTier, r.TierMonetaryMinor, r.TierPurchaseCount, r.TierLastPurchaseOn, r.TierComputedAt,
                new TierFigures(r.Monetary, r.Count, r.Last, r.Any)))
            .ToList();
    }
}
