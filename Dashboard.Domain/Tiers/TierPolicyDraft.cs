using System.Globalization;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Tiers;

/// <summary>One tier's thresholds as an Admin types them; the value is in whole currency units with up to two decimals.</summary>
public sealed class TierThresholdDraft
{
    public decimal? MinMonetary { get; set; }

    public int? MinPurchases { get; set; }

    public int? MaxDaysSinceLastPurchase { get; set; }
}

/// <summary>The tier rules as an Admin edits them. Errors name fields as <c>WindowMonths</c> or <c>VIP.MinMonetary</c>.</summary>
public sealed class TierPolicyDraft
{
    public int? WindowMonths { get; set; }

    public TierThresholdDraft Vip { get; set; } = new();

    public TierThresholdDraft A { get; set; } = new();

    public TierThresholdDraft B { get; set; } = new();

    public static TierPolicyDraft From(TierRules rules) => new()
    {
        WindowMonths = rules.WindowMonths,
        Vip = DraftOf(rules.Vip),
        A = DraftOf(rules.A),
        B = DraftOf(rules.B),
    };

    public TierThresholdDraft For(CustomerTier tier) => tier switch
    {
        CustomerTier.VIP => Vip,
        CustomerTier.A => A,
        CustomerTier.B => B,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Tier C has no thresholds."),
    };

    /// <summary>The error field of one threshold, e.g. <c>A.MinPurchases</c>.</summary>
    public static string FieldOf(CustomerTier tier, string property) => $"{tier}.{property}";

    private static TierThresholdDraft DraftOf(TierThreshold threshold) => new()
    {
        MinMonetary = threshold.MinMonetary,
        MinPurchases = threshold.MinPurchases,
        MaxDaysSinceLastPurchase = threshold.MaxDaysSinceLastPurchase,
    };
}

/// <summary>
/// Checks tier rules: every threshold present and non-negative, the window 1–60 months, and the tiers in order
/// (VIP asks at least as much value and as many purchases as A, and as recent a purchase; A likewise over B),
/// so that a card meeting a tier also meets every tier below it. Pure, so forms can check as the Admin types.
/// </summary>
public static class TierPolicyValidator
{
    public const int MaxPurchases = 100_000;
    public const int MaxDays = 3_660;

    public static (TierRules? Rules, IReadOnlyList<FieldError> Errors) Validate(TierPolicyDraft draft, string currency)
    {
        var errors = new List<FieldError>();
        if (draft.WindowMonths is not (>= TierRules.MinWindowMonths and <= TierRules.MaxWindowMonths))
        {
            errors.Add(new(nameof(TierPolicyDraft.WindowMonths), "tier.window", $"Enter a window of {TierRules.MinWindowMonths} to {TierRules.MaxWindowMonths} months."));
        }

        var thresholds = new Dictionary<CustomerTier, TierThreshold>();
        foreach (var tier in TierRules.RankedTiers)
        {
            if (ValidateThreshold(tier, draft.For(tier), errors) is { } threshold)
            {
                thresholds[tier] = threshold;
            }
        }

        CheckOrder(CustomerTier.VIP, CustomerTier.A, thresholds, currency, errors);
        CheckOrder(CustomerTier.A, CustomerTier.B, thresholds, currency, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new TierRules(draft.WindowMonths!.Value, thresholds[CustomerTier.VIP], thresholds[CustomerTier.A], thresholds[CustomerTier.B]), errors);
    }

    private static TierThreshold? ValidateThreshold(CustomerTier tier, TierThresholdDraft draft, List<FieldError> errors)
    {
        var count = errors.Count;
        if (draft.MinMonetary is not { } value || value < 0)
        {
            errors.Add(new(TierPolicyDraft.FieldOf(tier, nameof(draft.MinMonetary)), "tier.min-value", $"Enter the least value {tier} customers buy for: zero or more."));
        }
        else if (value > Purchase.MaxAmount || decimal.Round(value, 2) != value)
        {
            errors.Add(new(TierPolicyDraft.FieldOf(tier, nameof(draft.MinMonetary)), "tier.min-value-format", "Enter the value with at most two decimals and below 1,000,000,000,000."));
        }

        if (draft.MinPurchases is not (>= 0 and <= MaxPurchases))
        {
            errors.Add(new(TierPolicyDraft.FieldOf(tier, nameof(draft.MinPurchases)), "tier.min-purchases", $"Enter the least number of purchases for {tier}: a whole number from 0 to {MaxPurchases:N0}."));
        }

        if (draft.MaxDaysSinceLastPurchase is not (>= 0 and <= MaxDays))
        {
            errors.Add(new(TierPolicyDraft.FieldOf(tier, nameof(draft.MaxDaysSinceLastPurchase)), "tier.max-days", $"Enter within how many days {tier} customers last bought: 0 to {MaxDays:N0}."));
        }

        return errors.Count > count
            ? null
            : new TierThreshold(Purchase.ToMinorUnits(draft.MinMonetary!.Value), draft.MinPurchases!.Value, draft.MaxDaysSinceLastPurchase!.Value);
    }

    private static void CheckOrder(CustomerTier higher, CustomerTier lower, Dictionary<CustomerTier, TierThreshold> thresholds, string currency, List<FieldError> errors)
    {
        if (!thresholds.TryGetValue(higher, out var high) || !thresholds.TryGetValue(lower, out var low))
        {
            return;
        }

        if (high.MinMonetaryMinor < low.MinMonetaryMinor)
        {
            errors.Add(new(TierPolicyDraft.FieldOf(higher, nameof(TierThresholdDraft.MinMonetary)), "tier.order-value",
                $"{higher} must ask at least the value {lower} asks ({currency} {low.MinMonetary.ToString("N2", CultureInfo.InvariantCulture)})."));
        }

        if (high.MinPurchases < low.MinPurchases)
        {
            errors.Add(new(TierPolicyDraft.FieldOf(higher, nameof(TierThresholdDraft.MinPurchases)), "tier.order-purchases",
                $"{higher} must ask at least as many purchases as {lower} ({low.MinPurchases.ToString(CultureInfo.InvariantCulture)})."));
        }

        if (high.MaxDaysSinceLastPurchase > low.MaxDaysSinceLastPurchase)
        {
            errors.Add(new(TierPolicyDraft.FieldOf(higher, nameof(TierThresholdDraft.MaxDaysSinceLastPurchase)), "tier.order-days",
                $"{higher} must ask a purchase at least as recent as {lower} does (within {low.MaxDaysSinceLastPurchase.ToString(CultureInfo.InvariantCulture)} days)."));
        }
    }
}
