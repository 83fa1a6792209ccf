namespace Dashboard.Domain.DemoData;

/// <summary>Fills the database with deterministic demo cards (being written).</summary>
public sealed class DemoDataGenerator
{
}
