using System.Diagnostics;
using Dashboard.Domain.Access;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Import;

/// <summary>
/// The import of a CSV or XLSX file: reads it (encoding and delimiter detected), maps its columns (suggested from
/// English and Chinese headers unless given), validates every row like the card form, checks each row against the
/// existing cards the importer may see and against the rows before it, and — unless a dry run — commits all rows in
/// one transaction: a failure or cancellation leaves no imported card. Each created or updated card is audited field
/// by field like an edit, and the import itself once.
/// </summary>
public sealed class ImportWorkflow(
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    CardChangeNotifier notifier,
    IOptions<DashboardOptions> options,
    IOptions<ImportOptions> importOptions,
    ILogger<ImportWorkflow> logger)
{
    public const string ImportedAction = "cards.imported";

    /// <summary>The most rows the report shows cell by cell.</summary>
    public const int MaxPreviewRows = 1_000;

    /// <summary>The largest file accepted, in bytes (<c>Dashboard:ImportMaxBytes</c>).</summary>
    public long MaxBytes => importOptions.Value.MaxBytes;

    /// <summary>
    /// Reads the file (CSV or XLSX by extension/content), detects encoding and delimiter, suggests the mapping when
    /// <see cref="ImportRequest.Mapping"/> is null, validates every row, checks duplicates, and — unless
    /// <see cref="ImportRequest.DryRun"/> — commits. A file that cannot be read, a mapping that cannot be used or a
    /// card that changed meanwhile is refused with a message, and nothing is written.
    /// </summary>
    public async Task<CommandResult<ImportReport>> ImportFileAsync(Actor actor, Stream content, string fileName,
        ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(request);
        if (!ImportAccess.CanImport(actor))
        {
            return CommandResult<ImportReport>.From(CommandResult.Forbidden("Only team leads and Admins can import cards."));
        }

        if (!Enum.IsDefined(request.DuplicateMode))
        {
            return Invalid("DuplicateMode", "import.mode", "Choose what to do with duplicates: Skip, Update, Create or FlagForReview.");
        }

        var defaultRegion = string.IsNullOrWhiteSpace(request.DefaultRegion) ? null : request.DefaultRegion.Trim().ToUpperInvariant();
        if (defaultRegion is not null && !Customers.PhoneNumber.IsKnownRegion(defaultRegion))
        {
            return Invalid(nameof(ImportRequest.DefaultRegion), "country.unknown", "Choose the default country from the list (an ISO code such as AU, US or CN).");
        }

        request = request with { DefaultRegion = defaultRegion };
        var started = Stopwatch.GetTimestamp();
        fileName = string.IsNullOrWhiteSpace(fileName) ? "import.csv" : Path.GetFileName(fileName.Trim());
        progress?.Report(new ImportProgress(ImportPhases.Reading, 0, 1));
        ImportTable table;
        try
        {
            var bytes = await ImportTableReader.ReadAllAsync(content, importOptions.Value.MaxBytes, ct);
            table = ImportTableReader.Read(bytes, fileName, request, importOptions.Value);
        }
        catch (ImportFileException e)
        {
            return Invalid("File", e.Code, e.Message);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lookups = await ImportLookups.LoadAsync(db, ct);
        var (columns, mappingErrors, warnings) = ImportMapping.Resolve(table.Headers, table.Rows, lookups.CustomFields, request.Mapping);
        if (mappingErrors.Count > 0)
        {
            return CommandResult<ImportReport>.From(CommandResult.Invalid(mappingErrors));
        }

        var ownerId = request.DefaultOwnerId ?? actor.StaffId;
        if (!lookups.Staff.TryGetValue(ownerId, out var owner))
        {
            return Invalid("DefaultOwnerId", "owner.unknown", "Choose an owner from the staff list.");
        }

        if (!ImportAccess.CanAssignTo(actor, owner.Id, owner.TeamId))
        {
            return Invalid("DefaultOwnerId", "owner.forbidden", "You can assign cards only to yourself or members of your team.");
        }

        var run = new ImportRun(db, actor, request, fileName, table, columns, lookups, owner.Id, defaultRegion ?? options.Value.DefaultPhoneRegion, importOptions.Value.BulkThreshold, clock, progress);
        run.Warnings.AddRange(warnings);
        run.Validate(ct);

        // From here on other writers wait (BEGIN IMMEDIATE): the duplicate check, the updates' merge and the writes
        // see one state of the database and commit together, or not at all.
        await using var transaction = request.DryRun ? null : await db.Database.BeginTransactionAsync(ct);
        await run.PlanAsync(ct);
        if (request.DryRun)
        {
            return run.Report(Stopwatch.GetElapsedTime(started), importId: null, committed: false);
        }

        var importId = Guid.NewGuid();
        var written = await run.WriteAsync(importId, ct);
        if (!written.Succeeded)
        {
            return CommandResult<ImportReport>.From(written);
        }

        await transaction!.CommitAsync(ct);
        foreach (var change in run.Changes)
        {
            notifier.Publish(change);
        }

        var report = run.Report(Stopwatch.GetElapsedTime(started), importId, committed: true);
        logger.LogInformation(
            "Import {ImportId} of {File} by {Actor}: {Rows} rows, {Created} created, {Updated} updated, {Unchanged} unchanged, {Skipped} skipped, {Flagged} flagged, {Invalid} invalid in {Seconds:F1} s",
            importId, fileName, actor.DisplayName, report.RowsRead, report.Created, report.Updated, report.Unchanged, report.Skipped, report.Flagged, report.Invalid, report.ElapsedSeconds);
        return report;
    }

    private static CommandResult<ImportReport> Invalid(string field, string code, string message) =>
        CommandResult<ImportReport>.From(CommandResult.Invalid(field, code, message));
}

/// <summary>The phases <see cref="ImportProgress.Phase"/> reports, in order.</summary>
public static class ImportPhases
{
    public const string Reading = "Reading the file";
    public const string Validating = "Validating rows";
    public const string Matching = "Checking for duplicates";
    public const string Saving = "Saving";
}
