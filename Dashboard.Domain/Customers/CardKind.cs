namespace Dashboard.Domain.Customers;

/// <summary>Whether the card describes a person or an organisation.</summary>
public enum CardKind
{
    Individual,
    Company,
}
