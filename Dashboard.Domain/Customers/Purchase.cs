namespace Dashboard.Domain.Customers;

/// <summary>A product or service the customer bought, with quantity and amount in a currency.</summary>
public sealed class Purchase
{
    public const int ProductMaxLength = 200;
    public const int CurrencyLength = 3;

    private Purchase()
    {
        Product = string.Empty;
        Currency = string.Empty;
    }

    internal Purchase(Guid id, string product, DateOnly purchasedOn, decimal quantity, decimal amount, string currency, Guid recordedBy, DateTime recordedAt)
    {
        Id = id;
        Product = product;
        PurchasedOn = purchasedOn;
        Quantity = quantity;
        Amount = amount;
        Currency = currency;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    public Guid CardId { get; private set; }

    public string Product { get; private set; }

    public DateOnly PurchasedOn { get; private set; }

    public decimal Quantity { get; private set; }

    /// <summary>The total amount paid, in <see cref="Currency"/>.</summary>
    public decimal Amount { get; private set; }

    /// <summary>ISO 4217 code, upper case.</summary>
    public string Currency { get; private set; }

    public Guid RecordedBy { get; private set; }

    public DateTime RecordedAt { get; private set; }
}
