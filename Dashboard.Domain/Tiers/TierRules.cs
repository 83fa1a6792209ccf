namespace Dashboard.Domain.Tiers;

/// <summary>
/// What a tier above C asks of a card's purchases in the window: a minimum value (in hundredths of the
/// reporting currency), a minimum number of purchases, and a last purchase at most so many days ago.
/// </summary>
public sealed record TierThreshold(long MinMonetaryMinor, int MinPurchases, int MaxDaysSinceLastPurchase)
{
    public decimal MinMonetary => Customers.Purchase.FromMinorUnits(MinMonetaryMinor);
}

/// <summary>
/// The rules tiers are computed with: a look-back window in months and the thresholds of VIP, A and B.
/// A card gets the highest tier whose three conditions all hold, C when none does, and no tier without any purchase.
/// </summary>
public sealed record TierRules(int WindowMonths, TierThreshold Vip, TierThreshold A, TierThreshold B)
{
    public const int MinWindowMonths = 1;
    public const int MaxWindowMonths = 60;

    /// <summary>The tiers that have thresholds, best first; C is what remains.</summary>
    public static IReadOnlyList<CustomerTier> RankedTiers { get; } = [CustomerTier.VIP, CustomerTier.A, CustomerTier.B];

    /// <summary>Defaults that fit the demo data: VIP ≥ 600,000 in 4+ purchases within 90 days, A ≥ 200,000 / 2 / 180, B ≥ 50,000 / 1 / 365.</summary>
    public static TierRules Default { get; } = new(
        12,
        new TierThreshold(600_000_00, 4, 90),
        new TierThreshold(200_000_00, 2, 180),
        new TierThreshold(50_000_00, 1, 365));

    public TierThreshold For(CustomerTier tier) => tier switch
    {
        CustomerTier.VIP => Vip,
        CustomerTier.A => A,
        CustomerTier.B => B,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Tier C has no thresholds: it is what remains."),
    };

    /// <summary>The first day of the window ending on <paramref name="today"/>: purchases on or after it count.</summary>
    public DateOnly WindowStart(DateOnly today) => today.AddMonths(-WindowMonths);
}
