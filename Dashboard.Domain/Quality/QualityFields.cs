namespace Dashboard.Domain.Quality;

/// <summary>
/// The built-in card fields that completeness rules can ask for. Phone and Email mean "at least one".
/// A set of them is stored as an integer.
/// </summary>
[Flags]
public enum QualityFields
{
    None = 0,
    Name = 1,
    Company = 2,
    Title = 4,
    Industry = 8,
    Region = 16,
    Address = 32,
    SourceChannel = 64,
    Phone = 128,
    Email = 256,
}

/// <summary>Helpers over <see cref="QualityFields"/>.</summary>
public static class QualityFieldSet
{
    /// <summary>Every single field, in form order.</summary>
    public static IReadOnlyList<QualityFields> Each { get; } =
    [
        QualityFields.Name,
        QualityFields.Company,
        QualityFields.Title,
        QualityFields.Industry,
        QualityFields.Region,
        QualityFields.Address,
        QualityFields.SourceChannel,
        QualityFields.Phone,
        QualityFields.Email,
    ];

    /// <summary>The fields a customer confirms in a verification besides the contact points; each keeps its own last-verified date.</summary>
    public static IReadOnlyList<QualityFields> Verifiable { get; } = [QualityFields.Name, QualityFields.Company, QualityFields.Title, QualityFields.Address];

    public static QualityFields All { get; } = Each.Aggregate(QualityFields.None, (all, f) => all | f);

    public static IEnumerable<QualityFields> Split(QualityFields fields) => Each.Where(f => fields.HasFlag(f));
}

/// <summary>How much a kind of card needs a field.</summary>
public enum FieldNeed
{
    NotScored,
    Recommended,
    Required,
}
