namespace Dashboard.Domain.Tiers;

/// <summary>Where a card's effective tier comes from.</summary>
public enum TierSource
{
    /// <summary>The tier follows the computation from purchase history.</summary>
    Computed,

    /// <summary>Someone set the tier by hand, with a reason; computation keeps only the computed tier current.</summary>
    Manual,
}
