using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;

namespace Dashboard.Domain.Changes;

/// <summary>The parts of a card's pipeline projection (<see cref="Dashboards.Projection.CardFacts"/>) an event changes.</summary>
[Flags]
public enum ProjectionParts
{
    None = 0,

    /// <summary>Owner, team, region and industry: what filters and visibility are decided on.</summary>
    Dimensions = 1,
    Tier = 2,
    Stages = 4,
    Purchases = 8,
    Interactions = 16,

    /// <summary>The card was created, merged or unmerged: everything is read again.</summary>
    All = Dimensions | Tier | Stages | Purchases | Interactions,
}

/// <summary>
/// A change to a customer card, raised by the card itself where the change happens (<see cref="Customers.CustomerCard"/>).
/// The dispatcher (<see cref="CardEventDispatcher"/>) hands every event of a save to the projections and the webhook
/// outbox in the writer's transaction; nobody reads audit action strings to learn what happened.
/// </summary>
public abstract record CardEvent(Guid CardId, string CardCode, Guid ActorId, DateTime At)
{
    /// <summary>What of the card's pipeline projection has to be read again.</summary>
    public abstract ProjectionParts Parts { get; }
}

/// <summary>A card was created (by hand, API, import or the demo generator).</summary>
public sealed record CardCreated(Guid CardId, string CardCode, Guid ActorId, DateTime At) : CardEvent(CardId, CardCode, ActorId, At)
{
    public override ProjectionParts Parts => ProjectionParts.All;
}

/// <summary>Editable sections changed; <see cref="Fields"/> names them as the audit trail does.</summary>
public sealed record CardDetailsChanged(Guid CardId, string CardCode, Guid ActorId, DateTime At, IReadOnlyList<string> Fields, bool DimensionsChanged)
    : CardEvent(CardId, CardCode, ActorId, At)
{
    public override ProjectionParts Parts => DimensionsChanged ? ProjectionParts.Dimensions : ProjectionParts.None;
}

/// <summary>The card moved through the lifecycle.</summary>
public sealed record CardStageChanged(Guid CardId, string CardCode, Guid ActorId, DateTime At, LifecycleStage From, LifecycleStage To)
    : CardEvent(CardId, CardCode, ActorId, At)
{
    public override ProjectionParts Parts => ProjectionParts.Stages;
}

/// <summary>The effective tier changed: computed from purchases, set by hand, or returned to the computed one.</summary>
public sealed record CardTierChanged(Guid CardId, string CardCode, Guid ActorId, DateTime At, CustomerTier? From, CustomerTier? To, bool ByHand)
    : CardEvent(CardId, CardCode, ActorId, At)
{
    public override ProjectionParts Parts => ProjectionParts.Tier;
}

public sealed record PurchaseRecorded(Guid CardId, string CardCode, Guid ActorId, DateTime At, Guid PurchaseId) : CardEvent(CardId, CardCode, ActorId, At)
{
    public override ProjectionParts Parts => ProjectionParts.Purchases;
}

public sealed record InteractionLogged(Guid CardId, string CardCode, Guid ActorId, DateTime At, Guid InteractionId) : CardEvent(CardId, CardCode, ActorId, At)
{
    public override ProjectionParts Parts => ProjectionParts.Interactions;
}

/// <summary>A remark was added or edited.</summary>
public sealed record RemarkWritten(Guid CardId, string CardCode, Guid ActorId, DateTime At, Guid RemarkId, bool Edited) : CardEvent(CardId, CardCode, ActorId, At)
{
    public override ProjectionParts Parts => ProjectionParts.None;
}

/// <summary>Values were confirmed with the customer (corrections arrive as <see cref="CardDetailsChanged"/>).</summary>
public sealed record CardVerified(Guid CardId, string CardCode, Guid ActorId, DateTime At) : CardEvent(CardId, CardCode, ActorId, At)
{
    public override ProjectionParts Parts => ProjectionParts.None;
}

/// <summary>
/// Two cards were merged: raised on both, <see cref="IsSurvivor"/> telling which side this card is. The survivor
/// took over the other card's history, so both are read again.
/// </summary>
public sealed record CardMerged(Guid CardId, string CardCode, Guid ActorId, DateTime At, Guid SurvivorId, Guid MergedId, string MergedCode, bool IsSurvivor)
    : CardEvent(CardId, CardCode, ActorId, At)
{
    public override ProjectionParts Parts => ProjectionParts.All;
}

/// <summary>A merge was undone: raised on both cards.</summary>
public sealed record CardUnmerged(Guid CardId, string CardCode, Guid ActorId, DateTime At, Guid SurvivorId, Guid MergedId, bool IsSurvivor)
    : CardEvent(CardId, CardCode, ActorId, At)
{
    public override ProjectionParts Parts => ProjectionParts.All;
}

/// <summary>The card's quality score changed (a derived figure; its rescoring moves no version).</summary>
public sealed record CardQualityScored(Guid CardId, string CardCode, Guid ActorId, DateTime At, int Score) : CardEvent(CardId, CardCode, ActorId, At)
{
    public override ProjectionParts Parts => ProjectionParts.None;
}
