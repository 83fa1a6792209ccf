namespace Dashboard.Domain.Lifecycle;

/// <summary>One recorded move between lifecycle stages; funnels and time-in-stage are computed from these.</summary>
public sealed class StageTransition
{
    private StageTransition()
    {
    }

    internal StageTransition(Guid id, LifecycleStage? from, LifecycleStage to, Guid actorId, DateTime at)
    {
        Id = id;
        From = from;
        To = to;
        ActorId = actorId;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid CardId { get; private set; }

    /// <summary>Null for the stage the card was created in.</summary>
    public LifecycleStage? From { get; private set; }

    public LifecycleStage To { get; private set; }

    public Guid ActorId { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }
}
