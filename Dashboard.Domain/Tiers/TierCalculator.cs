namespace Dashboard.Domain.Tiers;

/// <summary>How a card's figures compare with one tier's thresholds.</summary>
public sealed record TierCheck(CustomerTier Tier, TierThreshold Threshold, bool MonetaryMet, bool PurchasesMet, bool RecencyMet)
{
    public bool Met => MonetaryMet && PurchasesMet && RecencyMet;
}

/// <summary>
/// A computed tier with its reasons: the figures, the days since the last purchase in the window as of
/// <see cref="AsOf"/>, and for VIP, A and B which thresholds were met. Data only, so the UI can word it in any language.
/// </summary>
public sealed record TierAssessment(CustomerTier? Tier, TierFigures Figures, int? DaysSinceLastPurchase, DateOnly AsOf, TierRules Rules, IReadOnlyList<TierCheck> Checks);

/// <summary>Computes a tier from purchase figures (recency, frequency, monetary value) and the rules. Pure.</summary>
public static class TierCalculator
{
    public static TierAssessment Assess(TierFigures figures, DateOnly today, TierRules rules)
    {
        // A purchase dated tomorrow (allowed for time zones) counts as today.
        int? days = figures.LastPurchaseOn is { } last ? Math.Max(0, today.DayNumber - last.DayNumber) : null;
        var checks = TierRules.RankedTiers
            .Select(tier =>
            {
                var threshold = rules.For(tier);
                return new TierCheck(
                    tier,
                    threshold,
                    MonetaryMet: figures.MonetaryMinor >= threshold.MinMonetaryMinor,
                    PurchasesMet: figures.PurchaseCount >= threshold.MinPurchases,
                    RecencyMet: days <= threshold.MaxDaysSinceLastPurchase);
            })
            .ToList();
        CustomerTier? computed = figures.HasPurchases ? checks.FirstOrDefault(c => c.Met)?.Tier ?? CustomerTier.C : null;
        return new TierAssessment(computed, figures, days, today, rules, checks);
    }
}
