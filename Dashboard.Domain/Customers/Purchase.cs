using Dashboard.Domain.Common;

namespace Dashboard.Domain.Customers;

/// <summary>A product or service the customer bought, with quantity and amount in a currency.</summary>
public sealed class Purchase
{
    public const int ProductMaxLength = 200;
    public const int CurrencyLength = 3;

    /// <summary>The largest amount accepted, so that <see cref="AmountMinor"/> always fits.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    private const string AmountField = nameof(PurchaseDraft.Amount);
    private const string AmountFormatMessage = "Enter the amount with at most two decimals and below 1,000,000,000,000.";

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
        AmountMinor = ToMinorUnits(amount);
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

    /// <summary>
    /// The amount in hundredths of the currency unit, as an integer, so that totals are summed by the
    /// database (SQLite has no decimal type) rather than by loading purchases.
    /// </summary>
    public long AmountMinor { get; private set; }

    /// <summary>ISO 4217 code, upper case.</summary>
    public string Currency { get; private set; }

    public Guid RecordedBy { get; private set; }

    public DateTime RecordedAt { get; private set; }

    /// <summary>
    /// The one rule for an amount, used by the service that records purchases (and so the API) and by the form as the
    /// field is left: more than zero (a zero purchase would still count towards the tier), at most two decimals and
    /// below <see cref="MaxAmount"/>. Null when the amount is fine.
    /// </summary>
    public static FieldError? CheckAmount(decimal? amount) => amount switch
    {
        null or <= 0 => new FieldError(AmountField, "purchase.amount", "Enter the amount paid (more than zero)."),
        > MaxAmount => new FieldError(AmountField, "purchase.amount-format", AmountFormatMessage),
        { } value when decimal.Round(value, 2) != value => new FieldError(AmountField, "purchase.amount-format", AmountFormatMessage),
        _ => null,
    };

    /// <summary>The rule for a quantity, shared in the same way: more than zero. Null when it is fine.</summary>
    public static FieldError? CheckQuantity(decimal? quantity) =>
        quantity is > 0 ? null : new FieldError(nameof(PurchaseDraft.Quantity), "purchase.quantity", "Quantity must be more than zero.");

    internal static long ToMinorUnits(decimal amount) => (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);

    /// <summary>Converts a total in hundredths back to an amount.</summary>
    public static decimal FromMinorUnits(long minor) => minor / 100m;
}
