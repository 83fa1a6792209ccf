using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Tiers;

/// <summary>
/// What a card's tier is computed from: the value of its purchases in the window (only those in the reporting
/// currency, in hundredths), how many purchases it made in the window (any currency), the date of the last of
/// them, and whether it ever bought anything (a card that never did has no tier).
/// </summary>
public sealed record TierFigures(long MonetaryMinor, int PurchaseCount, DateOnly? LastPurchaseOn, bool HasPurchases)
{
    public static TierFigures None { get; } = new(0, 0, null, false);

    public decimal Monetary => Purchase.FromMinorUnits(MonetaryMinor);

    /// <summary>The figures of a list of purchases, as the database sums them for <see cref="TierService"/>.</summary>
    public static TierFigures Of(IEnumerable<(DateOnly PurchasedOn, long AmountMinor, string Currency)> purchases, DateOnly windowStart, string reportingCurrency) =>
        purchases.Aggregate(None, (figures, p) => figures.Including(p.PurchasedOn, p.AmountMinor, p.Currency, windowStart, reportingCurrency));

    /// <summary>These figures with one more purchase.</summary>
    public TierFigures Including(DateOnly purchasedOn, long amountMinor, string currency, DateOnly windowStart, string reportingCurrency)
    {
        if (purchasedOn < windowStart)
        {
            return this with { HasPurchases = true };
        }

        return new TierFigures(
            MonetaryMinor + (string.Equals(currency, reportingCurrency, StringComparison.Ordinal) ? amountMinor : 0),
            PurchaseCount + 1,
            LastPurchaseOn is { } last && last > purchasedOn ? last : purchasedOn,
            HasPurchases: true);
    }
}
