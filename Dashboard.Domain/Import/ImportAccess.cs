using System.Linq.Expressions;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Import;

/// <summary>
/// PRODUCT.md C5 for imports: team leads import for their team, Admins for everyone; nobody else imports. An import
/// matches rows only against cards the importer may see, and updates only cards of the importer's scope.
/// </summary>
public static class ImportAccess
{
    public static bool CanImport(Actor actor) => actor.IsInAny(Role.TeamLead, Role.Admin);

    /// <summary>The cards an import by <paramref name="actor"/> checks rows against and may update.</summary>
    public static Expression<Func<CustomerCard, bool>> CardsInScope(Actor actor) =>
        actor.IsIn(Role.Admin) ? _ => true : CardAccess.VisibleCards(actor);

    public static bool CanUpdate(Actor actor, Guid ownerId, Guid? teamId) =>
        actor.IsIn(Role.Admin) || (actor.IsIn(Role.TeamLead) && CardAccess.CanEditCard(actor, ownerId, teamId));

    /// <summary>Team leads give cards to themselves or their team's members; Admins to anyone.</summary>
    public static bool CanAssignTo(Actor actor, Guid ownerId, Guid? ownerTeamId) =>
        actor.IsIn(Role.Admin) || CardAccess.CanAssignTo(actor, ownerId, ownerTeamId);
}

/// <summary>Limits of the import, from the "Dashboard" configuration section.</summary>
public sealed class ImportOptions
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    /// <summary><c>Dashboard:ImportMaxBytes</c>: the largest file accepted (default 20 MB).</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>The most data rows one file may hold.</summary>
    public int MaxRows { get; set; } = 200_000;

    /// <summary>The most columns a file's data may span (a card has about 40 fields, custom fields included).</summary>
    public int MaxColumns { get; set; } = 256;

    /// <summary>The most cells (data rows × columns) a workbook may make the import hold.</summary>
    public long MaxCells { get; set; } = 4_000_000;

    /// <summary>The most characters of text (shared strings and cell values) a workbook may hold.</summary>
    public long MaxTextChars { get; set; } = 32L * 1024 * 1024;

    /// <summary>The most bytes the parts of a workbook may unpack to, all read parts together.</summary>
    public long MaxUnzippedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>The most parts (zip entries) a workbook may have.</summary>
    public int MaxZipEntries { get; set; } = 10_000;

    /// <summary>
    /// From this many new cards the commit fills the quick search index once per card and, when the import at least
    /// doubles the cards, rebuilds the card tables' indexes instead of maintaining them row by row.
    /// </summary>
    public int BulkThreshold { get; set; } = 2_000;
}
