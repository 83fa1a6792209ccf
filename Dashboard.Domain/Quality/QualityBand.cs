namespace Dashboard.Domain.Quality;

/// <summary>The score in three bands, for badges, filters and counts.</summary>
public enum QualityBand
{
    /// <summary>Below <see cref="QualityBands.FairFrom"/>.</summary>
    Poor,

    /// <summary><see cref="QualityBands.FairFrom"/> to just below <see cref="QualityBands.GoodFrom"/>.</summary>
    Fair,

    /// <summary><see cref="QualityBands.GoodFrom"/> and above.</summary>
    Good,
}

/// <summary>Where the bands start.</summary>
public static class QualityBands
{
    public const int GoodFrom = 80;
    public const int FairFrom = 50;

    /// <summary>Best first, as lists and tables show them.</summary>
    public static IReadOnlyList<QualityBand> All { get; } = [QualityBand.Good, QualityBand.Fair, QualityBand.Poor];

    public static QualityBand Of(int score) => score >= GoodFrom ? QualityBand.Good : score >= FairFrom ? QualityBand.Fair : QualityBand.Poor;
}
