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
        Lookup = string.Empty;
    }

    internal ContactPoint(Guid id, ContactKind kind, string label, string value, bool isPrimary)
    {
        Id = id;
        Kind = kind;
        Label = label;
        Value = value;
        Lookup = LookupOf(kind, value);
        IsPrimary = isPrimary;
    }

    public Guid Id { get; private set; }

    public Guid CardId { get; private set; }

    public ContactKind Kind { get; private set; }

    public string Label { get; private set; }

    /// <summary>E.164 for phones, the normalised address for e-mails.</summary>
    public string Value { get; private set; }

    /// <summary>
    /// The value as a lookup key (<see cref="LookupOf"/>), stored only as its keyed hash (column <c>ValueHash</c>,
    /// see <see cref="Security.FieldProtector"/>) while <see cref="Value"/> is stored encrypted: queries compare
    /// <c>Lookup == ContactPoint.LookupOf(kind, value)</c> and the database compares hashes. Read back from the
    /// database it holds the hash.
    /// </summary>
    public string Lookup { get; private set; }

    public bool IsPrimary { get; private set; }

    public DateOnly? LastVerifiedOn { get; private set; }

    internal void Update(string label, string value, bool isPrimary)
    {
        if (value != Value)
        {
            // A new value has not been confirmed with the customer yet.
            LastVerifiedOn = null;
            Value = value;
            Lookup = LookupOf(Kind, value);
        }

        Label = label;

        IsPrimary = isPrimary;
    }

    /// <summary>The lookup key of a normalised value: <c>P:</c> and the E.164 number, or <c>E:</c> and the e-mail address.</summary>
    public static string LookupOf(ContactKind kind, string value) => (kind == ContactKind.Phone ? "P:" : "E:") + value;

    internal void MarkVerified(DateOnly on) => LastVerifiedOn = on;

    /// <summary>Puts back a contact point exactly as it was, verification date included (undoing a merge).</summary>
    internal static ContactPoint Restore(Guid id, ContactKind kind, string label, string value, bool isPrimary, DateOnly? lastVerifiedOn) =>
        new(id, kind, label, value, isPrimary) { LastVerifiedOn = lastVerifiedOn };

    internal void RestoreVerified(DateOnly? on) => LastVerifiedOn = on;
}
