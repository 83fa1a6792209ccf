namespace Dashboard.Domain.Customers;

/// <summary>How a contact point is reached.</summary>
public enum ContactKind
{
    Phone,
    Email,
}

/// <summary>One labelled phone or e-mail of a card, with the date it was last confirmed with the customer.</summary>
public sealed class ContactPoint
{
    public const int LabelMaxLength = 40;
    public const int ValueMaxLength = 254;
    public const int MaxPerKind = 10;

    private ContactPoint()
    {
        Label = string.Empty;
        Value = string.Empty;
    }

    internal ContactPoint(Guid id, ContactKind kind, string label, string value, bool isPrimary)
    {
        Id = id;
        Kind = kind;
        Label = label;
        Value = value;
        IsPrimary = isPrimary;
    }

    public Guid Id { get; private set; }

    public Guid CardId { get; private set; }

    public ContactKind Kind { get; private set; }

    public string Label { get; private set; }

    /// <summary>E.164 for phones, the normalised address for e-mails.</summary>
    public string Value { get; private set; }

    public bool IsPrimary { get; private set; }

    public DateOnly? LastVerifiedOn { get; private set; }

    internal void Update(string label, string value, bool isPrimary)
    {
        if (value != Value)
        {
            // A new value has not been confirmed with the customer yet.
            LastVerifiedOn = null;
        }

        Label = label;
        Value = value;
        IsPrimary = isPrimary;
    }

    internal void MarkVerified(DateOnly on) => LastVerifiedOn = on;

    /// <summary>Puts back a contact point exactly as it was, verification date included (undoing a merge).</summary>
    internal static ContactPoint Restore(Guid id, ContactKind kind, string label, string value, bool isPrimary, DateOnly? lastVerifiedOn) =>
        new(id, kind, label, value, isPrimary) { LastVerifiedOn = lastVerifiedOn };

    internal void RestoreVerified(DateOnly? on) => LastVerifiedOn = on;
}
