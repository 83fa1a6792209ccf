namespace Dashboard.Domain;

/// <summary>Settings from the "Dashboard" configuration section.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Region for phone numbers typed without a country code (ISO 3166 alpha-2).</summary>
    public string DefaultPhoneRegion { get; set; } = "CN";

    /// <summary>
    /// The currency of dashboard values and tier scoring (ISO 4217). Purchases in other currencies are
    /// counted as purchases but their amounts are not added to totals in this currency.
    /// </summary>
    public string ReportingCurrency { get; set; } = "CNY";

    /// <summary>
    /// The customer list counts matching cards up to this many; beyond it, it shows "more than" this many and pages
    /// that far (counting every card of a large list exactly costs a walk over all of them).
    /// </summary>
    public int ListCountCap { get; set; } = 10_000;

    /// <summary>The SQLite file. Empty means the user's local application data folder.</summary>
    public string? DatabasePath { get; set; }

    public string ResolveDatabasePath() =>
        string.IsNullOrWhiteSpace(DatabasePath)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "CustomerCardDashboard", "dashboard.db")
            : Path.GetFullPath(DatabasePath);
}
