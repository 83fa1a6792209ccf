namespace Dashboard.Domain.Customers;

/// <summary>The channel or nature of a contact with the customer.</summary>
public enum InteractionKind
{
    Call,
    Email,
    Meeting,
    Chat,
    Feedback,
    Complaint,
}

/// <summary>A logged contact with the customer: when, who, what was said and what came of it.</summary>
public sealed class Interaction
{
    public const int SummaryMaxLength = 2000;
    public const int OutcomeMaxLength = 500;

    private Interaction()
    {
        Summary = string.Empty;
    }

    internal Interaction(Guid id, InteractionKind kind, DateTime occurredAt, Guid staffId, string summary, string? outcome)
    {
        Id = id;
        Kind = kind;
        OccurredAt = occurredAt;
        StaffId = staffId;
        Summary = summary;
        Outcome = outcome;
    }

    public Guid Id { get; private set; }

    public Guid CardId { get; private set; }

    public InteractionKind Kind { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime OccurredAt { get; private set; }

    public Guid StaffId { get; private set; }

    public string Summary { get; private set; }

    public string? Outcome { get; private set; }
}
