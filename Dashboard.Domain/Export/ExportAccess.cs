using Dashboard.Domain.Access;

namespace Dashboard.Domain.Export;

/// <summary>
/// Who may export (PRODUCT.md C5): team leads their team's cards, sales managers and Admins all cards, Finance,
/// sales managers and Admins the purchases; Sales and Auditors nothing. The rows are those the actor sees, with
/// contact values masked exactly as on screen.
/// </summary>
public static class ExportAccess
{
    public static bool CanExportCards(Actor actor) => actor.IsInAny(Role.TeamLead, Role.SalesManager, Role.Admin);

    public static bool CanExportPurchases(Actor actor) => actor.IsInAny(Role.Finance, Role.SalesManager, Role.Admin);
}

/// <summary>The file types an export is written as.</summary>
public enum ExportFormat
{
    /// <summary>UTF-8 with a byte order mark, so that Excel opens Chinese text correctly.</summary>
    Csv,

    /// <summary>An Excel workbook with one sheet.</summary>
    Xlsx,
}

/// <summary>What an export wrote.</summary>
public sealed record ExportResult(int Rows);
