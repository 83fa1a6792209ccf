namespace Dashboard.Domain.Customers;

/// <summary>A card just created: its id, code and concurrency version.</summary>
public sealed record CardRef(Guid Id, string Code, int Version);

/// <summary>An interaction as typed.</summary>
public sealed class InteractionDraft
{
    public InteractionKind Kind { get; set; } = InteractionKind.Call;

    /// <summary>When it happened (UTC); null means now.</summary>
    public DateTime? OccurredAt { get; set; }

    public string? Summary { get; set; }

    public string? Outcome { get; set; }
}

/// <summary>A purchase as typed.</summary>
public sealed class PurchaseDraft
{
    public string? Product { get; set; }

    public DateOnly? PurchasedOn { get; set; }

    public decimal? Quantity { get; set; } = 1;

    public decimal? Amount { get; set; }

    public string? Currency { get; set; } = "CNY";
}
