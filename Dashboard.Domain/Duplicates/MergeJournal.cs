namespace Dashboard.Domain.Duplicates;

/// <summary>
/// Everything a merge changed, so that it can be undone exactly: the surviving card's sections as they were, and
/// which interactions, purchases, remarks, stage moves and contact points moved from the merged card.
/// </summary>
public sealed class MergeJournal
{
    private MergeJournal()
    {
        StateJson = string.Empty;
        MergedByName = string.Empty;
    }

    internal MergeJournal(Guid id, Guid survivorId, Guid mergedId, Guid? candidateId, DateTime mergedAt, Guid mergedBy, string mergedByName, string stateJson)
    {
        Id = id;
        SurvivorId = survivorId;
        MergedId = mergedId;
        CandidateId = candidateId;
        MergedAt = mergedAt;
        MergedBy = mergedBy;
        MergedByName = mergedByName;
        StateJson = stateJson;
    }

    public Guid Id { get; private set; }

    public Guid SurvivorId { get; private set; }

    public Guid MergedId { get; private set; }

    public Guid? CandidateId { get; private set; }

    public DateTime MergedAt { get; private set; }

    public Guid MergedBy { get; private set; }

    public string MergedByName { get; private set; }

    /// <summary>The <see cref="MergeState"/> as JSON.</summary>
    public string StateJson { get; private set; }

    public DateTime? UndoneAt { get; private set; }

    public Guid? UndoneBy { get; private set; }

    internal void MarkUndone(Guid actorId, DateTime at)
    {
        UndoneAt = at;
        UndoneBy = actorId;
    }
}
