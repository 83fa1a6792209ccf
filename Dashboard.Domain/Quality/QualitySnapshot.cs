namespace Dashboard.Domain.Quality;

/// <summary>
/// The quality figures of one day, for all cards (<see cref="TeamId"/> null) or one team's, written once a day for the
/// trend chart. Counts are whole numbers, so averages and rates come out exact.
/// </summary>
public sealed class QualitySnapshot
{
    private QualitySnapshot()
    {
    }

    internal QualitySnapshot(Guid id, DateOnly day, Guid? teamId, DateTime takenAt, QualityFigures figures, int confirmed, int corrected)
    {
        Id = id;
        Day = day;
        TeamId = teamId;
        TakenAt = takenAt;
        Cards = figures.Cards;
        Scored = figures.Scored;
        ScoreSum = figures.ScoreSum;
        Good = figures.Good;
        Fair = figures.Fair;
        Poor = figures.Poor;
        Overdue = figures.Overdue;
        Confirmed = confirmed;
        Corrected = corrected;
    }

    public Guid Id { get; private set; }

    public DateOnly Day { get; private set; }

    public Guid? TeamId { get; private set; }

    public DateTime TakenAt { get; private set; }

    public int Cards { get; private set; }

    /// <summary>Cards that had a score; the average is <see cref="ScoreSum"/> over these.</summary>
    public int Scored { get; private set; }

    public long ScoreSum { get; private set; }

    public int Good { get; private set; }

    public int Fair { get; private set; }

    public int Poor { get; private set; }

    /// <summary>Cards with a value overdue for verification on <see cref="Day"/>.</summary>
    public int Overdue { get; private set; }

    /// <summary>Values confirmed in the <see cref="QualitySnapshots.AccuracyWindowDays"/> days up to <see cref="Day"/>.</summary>
    public int Confirmed { get; private set; }

    public int Corrected { get; private set; }
}
