namespace Dashboard.Domain.Duplicates;

/// <summary>Where a suspected duplicate pair stands in the queue.</summary>
public enum DuplicateStatus
{
    Open,
    Dismissed,
    Merged,
}

/// <summary>
/// Two cards that the scan found alike, with the score and the reasons; <see cref="CardAId"/> is always the card with
/// the lower number. A dismissed pair is kept, so that the next scan does not raise it again.
/// </summary>
public sealed class DuplicateCandidate
{
    private DuplicateCandidate()
    {
    }

    internal DuplicateCandidate(Guid id, Guid cardAId, Guid cardBId, MatchResult match, DateTime foundAt)
    {
        Id = id;
        CardAId = cardAId;
        CardBId = cardBId;
        FoundAt = foundAt;
        Update(match);
    }

    public Guid Id { get; private set; }

    public Guid CardAId { get; private set; }

    public Guid CardBId { get; private set; }

    /// <summary>0 to 1; see <see cref="MatchScorer.ToScore"/>.</summary>
    public double Score { get; private set; }

    public MatchReasons Reasons { get; private set; }

    public DuplicateStatus Status { get; private set; }

    public DateTime FoundAt { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public Guid? DecidedBy { get; private set; }

    internal void Update(MatchResult match)
    {
        Score = Math.Round(match.Score, 4);
        Reasons = match.Reasons;
    }

    internal void Decide(DuplicateStatus status, Guid actorId, DateTime at)
    {
        Status = status;
        DecidedAt = at;
        DecidedBy = actorId;
    }

    /// <summary>Back in the queue, as an undone merge leaves it.</summary>
    internal void Reopen()
    {
        Status = DuplicateStatus.Open;
        DecidedAt = null;
        DecidedBy = null;
    }
}
