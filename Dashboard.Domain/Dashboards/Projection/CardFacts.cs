using System.Buffers.Binary;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.Dashboards.Projection;

/// <summary>
/// The pipeline projection of one card: what the dashboard filters and scopes by (owner, team, region, industry,
/// tier, merged), and, packed in <see cref="Facts"/>, every stage move, purchase and interaction of the card, as the
/// figures need them. Written in the writer's transaction by <see cref="Changes.CardEventDispatcher"/> (and by the bulk
/// writers), read into memory by <see cref="PipelineStore"/>; <c>rebuild-projections</c> makes them again from the
/// card tables and the nightly check reports any row that drifted from them.
/// </summary>
/// <remarks>
/// Figures such as "cards that entered a stage in the period", conversions and the median time in stage are distinct
/// counts and order statistics over each card's own history: they do not add up across cards grouped by day, so no
/// table of totals can give them for any period exactly. One compact row per card, scanned in memory, can.
/// </remarks>
public sealed class CardFacts
{
    public Guid CardId { get; set; }

    public Guid OwnerId { get; set; }

    public Guid? TeamId { get; set; }

    public int? RegionId { get; set; }

    public int? IndustryId { get; set; }

    public CustomerTier? Tier { get; set; }

    /// <summary>When the card was created, in UTC ticks.</summary>
    public long CreatedTicks { get; set; }

    /// <summary>Merged into another card: kept for undo, counted nowhere.</summary>
    public bool Merged { get; set; }

    /// <summary>The card's stage moves, purchases and interactions, packed by <see cref="CardFactsCodec"/>.</summary>
    public byte[] Facts { get; set; } = [];
}

/// <summary>One stage move: UTC ticks, from (null for the card's first stage) and to.</summary>
public readonly record struct StageFact(long Ticks, LifecycleStage? From, LifecycleStage To);

/// <summary>One purchase: its date, amount in minor units and ISO currency.</summary>
public readonly record struct PurchaseFact(DateOnly On, long AmountMinor, string Currency);

/// <summary>
/// The layout of <see cref="CardFacts.Facts"/>, version 1: a version byte; the number of stage moves and each as ticks
/// (8 bytes), from (1 byte, 255 for none) and to (1 byte); the number of purchases and each as day number (4 bytes),
/// minor units (8 bytes) and currency (3 ASCII bytes); the number of interactions and each as ticks (8 bytes). Numbers
/// are little-endian; moves and interactions are in time order.
/// </summary>
public static class CardFactsCodec
{
    public const byte Version = 1;
    private const byte NoStage = 255;

    public static byte[] Encode(IReadOnlyList<StageFact> stages, IReadOnlyList<PurchaseFact> purchases, IReadOnlyList<long> interactionTicks)
    {
        var bytes = new byte[1 + 4 + (stages.Count * 10) + 4 + (purchases.Count * 15) + 4 + (interactionTicks.Count * 8)];
        var span = bytes.AsSpan();
        span[0] = Version;
        var at = 1;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], stages.Count);
        at += 4;
        foreach (var stage in stages.OrderBy(s => s.Ticks))
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], stage.Ticks);
            span[at + 8] = stage.From is { } from ? (byte)from : NoStage;
            span[at + 9] = (byte)stage.To;
            at += 10;
        }

        BinaryPrimitives.WriteInt32LittleEndian(span[at..], purchases.Count);
        at += 4;
        foreach (var purchase in purchases)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], purchase.On.DayNumber);
            BinaryPrimitives.WriteInt64LittleEndian(span[(at + 4)..], purchase.AmountMinor);
            var currency = purchase.Currency.Length == 3 ? purchase.Currency : "???";
            for (var i = 0; i < 3; i++)
            {
                span[at + 12 + i] = (byte)currency[i];
            }

            at += 15;
        }

        BinaryPrimitives.WriteInt32LittleEndian(span[at..], interactionTicks.Count);
        at += 4;
        foreach (var ticks in interactionTicks.Order())
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], ticks);
            at += 8;
        }

        return bytes;
    }

    public static (List<StageFact> Stages, List<PurchaseFact> Purchases, List<long> Interactions) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0 || bytes[0] != Version)
        {
            throw new InvalidDataException($"Card facts of version {(bytes.Length == 0 ? "(none)" : bytes[0].ToString(System.Globalization.CultureInfo.InvariantCulture))} are not known; run rebuild-projections.");
        }

        var at = 1;
        var stages = new List<StageFact>(BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]));
        at += 4;
        for (var i = stages.Capacity; i > 0; i--)
        {
            stages.Add(new StageFact(BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]), bytes[at + 8] == NoStage ? null : (LifecycleStage)bytes[at + 8], (LifecycleStage)bytes[at + 9]));
            at += 10;
        }

        var purchases = new List<PurchaseFact>(BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]));
        at += 4;
        for (var i = purchases.Capacity; i > 0; i--)
        {
            var currency = string.Create(3, bytes.Slice(at + 12, 3).ToArray(), static (chars, b) =>
            {
                for (var j = 0; j < 3; j++)
                {
                    chars[j] = (char)b[j];
                }
            });
            purchases.Add(new PurchaseFact(DateOnly.FromDayNumber(BinaryPrimitives.ReadInt32LittleEndian(bytes[at..])), BinaryPrimitives.ReadInt64LittleEndian(bytes[(at + 4)..]), currency));
            at += 15;
        }

        var interactions = new List<long>(BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]));
        at += 4;
        for (var i = interactions.Capacity; i > 0; i--)
        {
            interactions.Add(BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]));
            at += 8;
        }

        return (stages, purchases, interactions);
    }
}
