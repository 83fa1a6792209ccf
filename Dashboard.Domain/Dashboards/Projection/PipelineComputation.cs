using Dashboard.Domain.Lifecycle;

namespace Dashboard.Domain.Dashboards.Projection;

/// <summary>Whose cards a view counts: everyone's, or a sales rep's or team lead's own and team's.</summary>
/// <param name="All">A sales manager or Admin: every card.</param>
/// <param name="Owner">The interned staff member whose own cards count (-1: none).</param>
/// <param name="Team">The interned team whose cards count (-1: none).</param>
internal readonly record struct ViewScope(bool All, int Owner, int Team)
{
    public bool Admits(int owner, int team) => All || (Owner >= 0 && owner == Owner) || (Team >= 0 && team == Team);
}

/// <summary>One view's question, in the store's terms: scope, filters (-1 for none; -2 for "matches no card") and the period's bounds.</summary>
internal sealed record PipelineQuestion(
    ViewScope Scope,
    int Owner,
    int Team,
    int Region,
    int Industry,
    long StartTicks,
    long EndTicks,
    DateOnly From,
    DateOnly To,
    long WeekOffsetTicks,
    int Currency,
    TierGrouping Grouping)
{
    public const int Any = -1;

    /// <summary>For each day of the period, the index of its month (purchases are dated in whole days).</summary>
    public byte[] MonthOfDay { get; } = MonthsOf(From, To);

    public bool Admits(CardDimensions card) =>
        card.Counted && Scope.Admits(card.Owner, card.Team)
        && (Owner == Any || card.Owner == Owner) && (Team == Any || card.Team == Team)
        && (Region == Any || card.Region == Region) && (Industry == Any || card.Industry == Industry);

    private static byte[] MonthsOf(DateOnly from, DateOnly to)
    {
        var days = new byte[Math.Max(0, to.DayNumber - from.DayNumber + 1)];
        for (var i = 0; i < days.Length; i++)
        {
            var on = from.AddDays(i);
            days[i] = (byte)(((on.Year - from.Year) * 12) + on.Month - from.Month);
        }

        return days;
    }
}

/// <summary>The figures of one view before names are put on groups: what one scan over the store's slots adds up.</summary>
internal sealed class PipelineTotals
{
    private const int Stages = 5;

    public PipelineTotals(int months, int weeks)
    {
        MonthPurchases = new int[months];
        MonthMinor = new long[months];
        WeekCreated = new int[weeks];
        WeekContacted = new int[weeks];
        WeekInteractions = new int[weeks];
    }

    public int[] FunnelCards { get; } = new int[Stages];

    public long[] FunnelMinor { get; } = new long[Stages];

    /// <summary>Cards that entered stage [from] in the period and moved to [to] before it ended.</summary>
    public int[,] Moved { get; } = new int[Stages, Stages];

    public List<double>[] Stays { get; } = [.. Enumerable.Range(0, Stages).Select(_ => new List<double>())];

    /// <summary>Cards per tier now, index 0 for no tier, then VIP, A, B, C.</summary>
    public int[] Tiers { get; } = new int[Stages];

    /// <summary>Cards per (owner or region, tier index as in <see cref="Tiers"/>).</summary>
    public Dictionary<(int Group, int Tier), int> TiersByGroup { get; } = [];

    /// <summary>The same while scanning: [group + 1, tier], grown as groups appear (group -1 is "no region").</summary>
    public int[,] GroupTiers { get; private set; } = new int[64, Stages];

    public void CountGroup(int group, int tier)
    {
        if (group + 1 >= GroupTiers.GetLength(0))
        {
            var grown = new int[Math.Max(group + 2, GroupTiers.GetLength(0) * 2), Stages];
            Array.Copy(GroupTiers, grown, GroupTiers.Length);
            GroupTiers = grown;
        }

        GroupTiers[group + 1, tier]++;
    }

    /// <summary>Moves the scan's group counts into <see cref="TiersByGroup"/>.</summary>
    public void CollectGroups()
    {
        for (var g = 0; g < GroupTiers.GetLength(0); g++)
        {
            for (var tier = 0; tier < Stages; tier++)
            {
                if (GroupTiers[g, tier] > 0)
                {
                    TiersByGroup[(g - 1, tier)] = TiersByGroup.GetValueOrDefault((g - 1, tier)) + GroupTiers[g, tier];
                }
            }
        }
    }

    public int[] MonthPurchases { get; }

    public long[] MonthMinor { get; }

    public int OtherCurrencies { get; set; }

    public int[] WeekCreated { get; }

    public int[] WeekContacted { get; }

    public int[] WeekInteractions { get; }

    public void Add(PipelineTotals other)
    {
        for (var i = 0; i < Stages; i++)
        {
            FunnelCards[i] += other.FunnelCards[i];
            FunnelMinor[i] += other.FunnelMinor[i];
            Tiers[i] += other.Tiers[i];
            Stays[i].AddRange(other.Stays[i]);
            for (var j = 0; j < Stages; j++)
            {
                Moved[i, j] += other.Moved[i, j];
            }
        }

        foreach (var (key, cards) in other.TiersByGroup)
        {
            TiersByGroup[key] = TiersByGroup.GetValueOrDefault(key) + cards;
        }

        for (var i = 0; i < MonthPurchases.Length; i++)
        {
            MonthPurchases[i] += other.MonthPurchases[i];
            MonthMinor[i] += other.MonthMinor[i];
        }

        OtherCurrencies += other.OtherCurrencies;
        for (var i = 0; i < WeekCreated.Length; i++)
        {
            WeekCreated[i] += other.WeekCreated[i];
            WeekContacted[i] += other.WeekContacted[i];
            WeekInteractions[i] += other.WeekInteractions[i];
        }
    }
}

/// <summary>
/// One pass over the store's slots that adds up every figure of a view, with the definitions of
/// <see cref="PipelineSqlQueries"/>: a card counts in its current scope and filters; moves, purchases and
/// interactions count by when they happened.
/// </summary>
internal static class PipelineComputation
{
    /// <summary>SQLite's julianday counts milliseconds from noon, 24 November 4714 BC; this is that epoch in .NET ticks' terms.</summary>
    private const long JulianEpochMilliseconds = 210_866_760_000_000;
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    public static PipelineTotals Run(PipelineStore.Columns data, PipelineQuestion question, int months, DateOnly firstWeek, int weeks)
    {
        var total = new PipelineTotals(months, weeks);
        var gate = new Lock();
        var partitions = Math.Max(1, Math.Min(Environment.ProcessorCount, data.Count / 50_000 + 1));
        var size = (data.Count + partitions - 1) / partitions;
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, part =>
        {
            var local = new PipelineTotals(months, weeks);
            var end = Math.Min(data.Count, (part + 1) * size);
            for (var slot = part * size; slot < end; slot++)
            {
                if (question.Admits(data.Dimensions(slot)))
                {
                    Card(data, slot, question, local, firstWeek);
                }
            }

            local.CollectGroups();
            lock (gate)
            {
                total.Add(local);
            }
        });
        return total;
    }

    private static void Card(PipelineStore.Columns data, int slot, PipelineQuestion q, PipelineTotals t, DateOnly firstWeek)
    {
        // Tiers now.
        var tier = data.Tier[slot] + 1;
        t.Tiers[tier]++;
        t.CountGroup(q.Grouping == TierGrouping.Region ? data.Region[slot] : data.Owner[slot], tier);

        // New cards per week.
        if (data.Created[slot] >= q.StartTicks && data.Created[slot] < q.EndTicks && Week(data.Created[slot], q.WeekOffsetTicks, firstWeek) is var week and >= 0 && week < t.WeekCreated.Length)
        {
            t.WeekCreated[week]++;
        }

        var (from, count) = (data.StageStart[slot], data.StageCount[slot]);
        var entered = 0;
        var moved = 0;
        for (var i = from; i < from + count; i++)
        {
            var ticks = data.StageTicks[i];
            if (ticks < q.StartTicks || ticks >= q.EndTicks)
            {
                continue;
            }

            int to = data.StageTo[i];
            entered |= 1 << to;

            // Conversions: a later move out of the stage entered here, before the period ended.
            for (var j = from; j < from + count; j++)
            {
                if (data.StageFrom[j] == to && data.StageTicks[j] >= ticks && data.StageTicks[j] < q.EndTicks)
                {
                    moved |= 1 << ((to * 5) + data.StageTo[j]);
                }
            }

            // A stay that ended in the period: since the latest move into its stage at or before it.
            int left = data.StageFrom[i];
            if (left != byte.MaxValue)
            {
                var enteredAt = long.MinValue;
                for (var j = from; j < from + count; j++)
                {
                    if (data.StageTo[j] == left && data.StageTicks[j] <= ticks && data.StageTicks[j] > enteredAt)
                    {
                        enteredAt = data.StageTicks[j];
                    }
                }

                if (enteredAt != long.MinValue)
                {
                    t.Stays[left].Add(JulianDay(ticks) - JulianDay(enteredAt));
                }
            }
        }

        for (var s = 0; s < 5; s++)
        {
            if ((entered & (1 << s)) != 0)
            {
                t.FunnelCards[s]++;
            }

            for (var next = 0; next < 5; next++)
            {
                if ((moved & (1 << ((s * 5) + next))) != 0)
                {
                    t.Moved[s, next]++;
                }
            }
        }

        // Purchases in the period: by month, and as the value of the stages the card entered.
        var (fromDay, toDay) = (q.From.DayNumber, q.To.DayNumber);
        long reachValue = 0;
        for (var i = data.PurchaseStart[slot]; i < data.PurchaseStart[slot] + data.PurchaseCount[slot]; i++)
        {
            var day = data.PurchaseDay[i];
            if (day < fromDay || day > toDay)
            {
                continue;
            }

            var month = q.MonthOfDay[day - fromDay];
            t.MonthPurchases[month]++;
            if (data.PurchaseCurrency[i] == q.Currency)
            {
                t.MonthMinor[month] += data.PurchaseMinor[i];
                reachValue += data.PurchaseMinor[i];
            }
            else
            {
                t.OtherCurrencies++;
            }
        }

        if (entered != 0 && reachValue != 0)
        {
            for (var s = 0; s < 5; s++)
            {
                if ((entered & (1 << s)) != 0)
                {
                    t.FunnelMinor[s] += reachValue;
                }
            }
        }

        // Interactions and customers contacted per week (the ticks are in time order, so weeks only go forward).
        var lastWeek = -1;
        for (var i = data.InteractionStart[slot]; i < data.InteractionStart[slot] + data.InteractionCount[slot]; i++)
        {
            var ticks = data.InteractionTicks[i];
            if (ticks < q.StartTicks || ticks >= q.EndTicks || Week(ticks, q.WeekOffsetTicks, firstWeek) is not (>= 0 and var w) || w >= t.WeekInteractions.Length)
            {
                continue;
            }

            t.WeekInteractions[w]++;
            if (w != lastWeek)
            {
                t.WeekContacted[w]++;
                lastWeek = w;
            }
        }
    }

    /// <summary>
    /// The week (Monday to Sunday) of a UTC time moved by the period's offset, counted from <paramref name="firstWeek"/>
    /// (a Monday); negative before it.
    /// </summary>
    private static int Week(long ticks, long offsetTicks, DateOnly firstWeek)
    {
        const long week = 7 * TimeSpan.TicksPerDay;
        var since = ticks + offsetTicks - ((long)firstWeek.DayNumber * TimeSpan.TicksPerDay);
        return (int)(since >= 0 ? since / week : -((-since + week - 1) / week));
    }

    /// <summary>A UTC time as SQLite's julianday() gives it: milliseconds since its epoch, divided into days.</summary>
    private static double JulianDay(long ticks) => (((ticks - UnixEpochTicks) / TimeSpan.TicksPerMillisecond) + JulianEpochMilliseconds) / 86_400_000.0;

    /// <summary>The median of the stays, as the SQL picks it: the middle one, or the mean of the middle two.</summary>
    public static double? Median(List<double> stays)
    {
        if (stays.Count == 0)
        {
            return null;
        }

        stays.Sort();
        var n = stays.Count;
        return n % 2 == 1 ? stays[(n - 1) / 2] : (stays[(n / 2) - 1] + stays[n / 2]) / 2;
    }

    /// <summary>Moves of <paramref name="stage"/> that the funnel and conversions name.</summary>
    public static IEnumerable<LifecycleStage> Next(LifecycleStage stage) => LifecycleRules.NextStages(stage);
}
