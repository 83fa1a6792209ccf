namespace Dashboard.Domain.Quality;

/// <summary>What the customer said about one value.</summary>
public enum VerificationOutcome
{
    /// <summary>The value is right.</summary>
    Confirmed,

    /// <summary>The value was wrong and was replaced with the one the customer gave.</summary>
    Corrected,

    /// <summary>The customer could not be reached through it; nothing is known about the value.</summary>
    Unreachable,
}

/// <summary>How the value was checked with the customer.</summary>
public enum VerificationMethod
{
    Phone,
    Email,
    InPerson,
    SelfService,
}

/// <summary>
/// One value checked with the customer: who, when, how, which field (and contact point), the outcome, and the value
/// before (and after, when corrected). The accuracy rate is counted from these rows.
/// </summary>
public sealed class VerificationRecord
{
    public const int ValueMaxLength = 500;

    private VerificationRecord()
    {
    }

    internal VerificationRecord(
        Guid id, Guid cardId, DateTime verifiedAt, Guid verifiedBy, VerificationMethod method, QualityFields field,
        Guid? contactPointId, string? label, VerificationOutcome outcome, string? oldValue, string? newValue)
    {
        Id = id;
        CardId = cardId;
        VerifiedAt = verifiedAt;
        VerifiedBy = verifiedBy;
        Method = method;
        Field = field;
        ContactPointId = contactPointId;
        Label = label;
        Outcome = outcome;
        OldValue = oldValue;
        NewValue = newValue;
    }

    public Guid Id { get; private set; }

    public Guid CardId { get; private set; }

    public DateTime VerifiedAt { get; private set; }

    public Guid VerifiedBy { get; private set; }

    public VerificationMethod Method { get; private set; }

    /// <summary>Name, Company, Title, Address, or Phone/Email for a contact point.</summary>
    public QualityFields Field { get; private set; }

    /// <summary>The contact point checked; kept after the contact point itself is removed.</summary>
    public Guid? ContactPointId { get; private set; }

    /// <summary>The contact point's label at the time.</summary>
    public string? Label { get; private set; }

    public VerificationOutcome Outcome { get; private set; }

    public string? OldValue { get; private set; }

    /// <summary>The corrected value; null unless <see cref="Outcome"/> is Corrected.</summary>
    public string? NewValue { get; private set; }
}
