using System.Globalization;

namespace Dashboard.Domain.Tiers;

/// <summary>
/// The tier rules as an Admin configured them: a single row, created with <see cref="TierRules.Default"/> by
/// the migration. Also remembers when every card was last recomputed with them.
/// </summary>
public sealed class TierPolicy
{
    public const int SingletonId = 1;

    private TierPolicy()
    {
        Vip = TierRules.Default.Vip;
        A = TierRules.Default.A;
        B = TierRules.Default.B;
    }

    public int Id { get; private set; }

    public int WindowMonths { get; private set; }

    public TierThreshold Vip { get; private set; }

    public TierThreshold A { get; private set; }

    public TierThreshold B { get; private set; }

    /// <summary>When a run over all cards last finished (UTC): every card's figures were current then.</summary>
    public DateTime? LastRecomputedAt { get; private set; }

    public DateTime? UpdatedAt { get; private set; }

    public Guid? UpdatedBy { get; private set; }

    /// <summary>Optimistic concurrency token: goes up by one whenever an Admin changes the rules.</summary>
    public int Version { get; private set; }

    public TierRules Rules => new(WindowMonths, Vip, A, B);

    internal void Change(TierRules rules, Guid actorId, DateTime now)
    {
        WindowMonths = rules.WindowMonths;
        Vip = rules.Vip;
        A = rules.A;
        B = rules.B;
        UpdatedAt = now;
        UpdatedBy = actorId;
        Version++;
    }

    /// <summary>Never moves back, so a run that started earlier but finished later does not hide a newer one.</summary>
    internal void MarkRecomputed(DateTime at)
    {
        if (LastRecomputedAt is null || at > LastRecomputedAt)
        {
            LastRecomputedAt = at;
        }
    }

    /// <summary>A flat, readable picture of the rules, for field-level audit.</summary>
    public static IReadOnlyDictionary<string, string?> Snapshot(TierRules rules)
    {
        var snapshot = new Dictionary<string, string?> { [nameof(WindowMonths)] = rules.WindowMonths.ToString(CultureInfo.InvariantCulture) };
        foreach (var tier in TierRules.RankedTiers)
        {
            var threshold = rules.For(tier);
            snapshot[$"{tier}.MinMonetary"] = threshold.MinMonetary.ToString("0.00", CultureInfo.InvariantCulture);
            snapshot[$"{tier}.MinPurchases"] = threshold.MinPurchases.ToString(CultureInfo.InvariantCulture);
            snapshot[$"{tier}.MaxDaysSinceLastPurchase"] = threshold.MaxDaysSinceLastPurchase.ToString(CultureInfo.InvariantCulture);
        }

        return snapshot;
    }
}
