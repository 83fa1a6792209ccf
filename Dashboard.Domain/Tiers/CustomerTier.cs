namespace Dashboard.Domain.Tiers;

/// <summary>The customer's value tier, best first; computed from purchase history (<see cref="TierCalculator"/>) unless set by hand.</summary>
public enum CustomerTier
{
    VIP,
    A,
    B,
    C,
}
