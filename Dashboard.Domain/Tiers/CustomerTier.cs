namespace Dashboard.Domain.Tiers;

/// <summary>The customer's value tier; set by hand with a reason until value-based scoring arrives.</summary>
public enum CustomerTier
{
    VIP,
    A,
    B,
    C,
}
