using System.Text.Json.Serialization;

namespace Dashboard.Domain.Import;

/// <summary>What an import does with a row that looks like a card that already exists (PRODUCT.md C6).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DuplicateMode>))]
public enum DuplicateMode
{
    /// <summary>The row is not imported; the existing card stays as it is.</summary>
    Skip,

    /// <summary>The row's values are written onto the existing card through the edit rules (field-level audit, concurrency).</summary>
    Update,

    /// <summary>A new card is created anyway.</summary>
    Create,

    /// <summary>A new card is created and the pair is put in the duplicate queue for a team lead to merge or dismiss.</summary>
    FlagForReview,
}

/// <summary>The file format of an import.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportFormat>))]
public enum ImportFormat
{
    Csv,
    Xlsx,
}

/// <summary>What happened (or, in a dry run, would happen) to one row.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportRowAction>))]
public enum ImportRowAction
{
    Create,
    Update,

    /// <summary>The row matched a card that already holds every value of the row (a re-import).</summary>
    Unchanged,
    Skip,

    /// <summary>Created and put in the duplicate queue beside the card it resembles.</summary>
    Flag,
    Invalid,
}

/// <summary>How to import a file. Everything but <see cref="DuplicateMode"/> has a sensible default.</summary>
public sealed record ImportRequest
{
    /// <summary>Validate and check duplicates, report what would happen, write nothing.</summary>
    public bool DryRun { get; init; }

    public DuplicateMode DuplicateMode { get; init; } = DuplicateMode.Skip;

    /// <summary>
    /// Header → field key (see <see cref="ImportFields"/>, e.g. "Name", "Phone", "custom:3"); a blank field ignores the
    /// column. Null: the suggested mapping. Headers not named keep their suggestion.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Mapping { get; init; }

    /// <summary>"utf-8" or "gb18030" to override detection; null detects.</summary>
    public string? Encoding { get; init; }

    /// <summary>A one-character CSV delimiter to override detection (",", ";", "\t", "|"); null detects.</summary>
    public string? Delimiter { get; init; }

    /// <summary>Owner of new cards whose row names no owner; null is the importing person.</summary>
    public Guid? DefaultOwnerId { get; init; }

    /// <summary>
    /// The country (ISO 3166-1 alpha-2, e.g. "AU") of rows without a Country column or cell: their phones without a
    /// country code are read as its numbers, and their cards get it as country. Null: the app's default phone region
    /// reads such phones and the cards get no country.
    /// </summary>
    public string? DefaultRegion { get; init; }

    /// <summary>How many rows the report shows cell by cell (<see cref="ImportReport.Preview"/>).</summary>
    public int PreviewRows { get; init; } = 100;
}

/// <summary>One column of the file and the field it fills.</summary>
/// <param name="Index">0-based position in the file.</param>
/// <param name="Field">The field key, or null when the column is ignored.</param>
/// <param name="Suggested">True when the field was recognised from the header rather than chosen.</param>
public sealed record ImportColumn(int Index, string Header, string? Field, bool Suggested)
{
    /// <summary>The first non-blank value in the column, to help choosing its field.</summary>
    public string? Sample { get; init; }
}

/// <summary>A problem with one cell (or with a whole row when <see cref="Column"/> is null), as the error report lists it.</summary>
/// <param name="Row">The 1-based line (CSV) or row (XLSX) in the file; the header is row 1.</param>
public sealed record ImportIssue(int Row, string? Column, string? Value, string Code, string Message);

/// <summary>One row of the preview: the cell values by column index and what happens (or happened) to it.</summary>
/// <param name="CardCode">The card the row created or updated, or the existing card it matched; null when not known yet (a new card in a dry run).</param>
/// <param name="MatchScore">How alike the row and the matched card (or earlier row) are, 0–1.</param>
/// <param name="DuplicateOfRow">The earlier row of the same file this row matched, if any.</param>
public sealed record ImportPreviewRow(int Row, IReadOnlyList<string?> Values, ImportRowAction Action, string? CardCode, double? MatchScore, int? DuplicateOfRow);

/// <summary>Where a running import is: a phase and rows done of the total.</summary>
public sealed record ImportProgress(string Phase, int Done, int Total)
{
    public double Percent => Total <= 0 ? 0 : Math.Min(100, 100.0 * Done / Total);
}

/// <summary>
/// The outcome of an import (or dry run): what was detected, the counts, the per-cell errors and a preview. The wizard
/// shows it, the API returns it as JSON and the error report CSV is made from <see cref="Errors"/>.
/// </summary>
public sealed record ImportReport
{
    /// <summary>The id of the committed import (in its audit entries); null for a dry run or a refused commit.</summary>
    public Guid? ImportId { get; init; }

    public required string FileName { get; init; }

    public ImportFormat Format { get; init; }

    /// <summary>"utf-8", "utf-8-bom" or "gb18030" for CSV; null for XLSX.</summary>
    public string? Encoding { get; init; }

    /// <summary>The CSV delimiter; null for XLSX.</summary>
    public string? Delimiter { get; init; }

    public IReadOnlyList<ImportColumn> Columns { get; init; } = [];

    /// <summary>Header → field key as used, the ignored columns left out.</summary>
    public IReadOnlyDictionary<string, string> Mapping => Columns.Where(c => c.Field is not null)
        .GroupBy(c => c.Header, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Field!, StringComparer.Ordinal);

    public DuplicateMode DuplicateMode { get; init; }

    public bool DryRun { get; init; }

    /// <summary>True when the rows were written; false for a dry run or when the commit was refused.</summary>
    public bool Committed { get; init; }

    public int RowsRead { get; init; }

    public int Valid { get; init; }

    public int Invalid { get; init; }

    /// <summary>New cards, the flagged ones included.</summary>
    public int Created { get; init; }

    /// <summary>Rows whose values went onto a card (an existing one, or one an earlier row of the file created).</summary>
    public int Updated { get; init; }

    /// <summary>Rows that matched a card already holding all their values.</summary>
    public int Unchanged { get; init; }

    /// <summary>Rows left out because they match a card or an earlier row ("skip" mode).</summary>
    public int Skipped { get; init; }

    /// <summary>New cards put in the duplicate queue beside the card they resemble (counted in <see cref="Created"/> too).</summary>
    public int Flagged { get; init; }

    public IReadOnlyList<ImportIssue> Errors { get; init; } = [];

    /// <summary>Notes that refuse nothing, e.g. "no column for Name was found".</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public IReadOnlyList<ImportPreviewRow> Preview { get; init; } = [];

    public double ElapsedSeconds { get; init; }
}
