using Dashboard.Domain.Import;

namespace Dashboard.Web.Components.Import;

/// <summary>The steps of the import wizard, in order.</summary>
public enum ImportStep
{
    Upload,
    Mapping,
    Preview,
    Result,
}

/// <summary>What the wizard holds between its steps: the uploaded file, the chosen mapping and mode, and the last report.</summary>
public sealed class ImportWizardState
{
    public ImportStep Step { get; set; } = ImportStep.Upload;

    public byte[]? Content { get; set; }

    public string FileName { get; set; } = string.Empty;

    /// <summary>Header → field key for every column, as the mapping step shows it; null before the first read.</summary>
    public Dictionary<string, string?>? Mapping { get; set; }

    public DuplicateMode DuplicateMode { get; set; } = DuplicateMode.Skip;

    /// <summary>The country chosen for rows without one (issue 14); null until chosen, when the app's default phone region reads their phones.</summary>
    public string? DefaultRegion { get; set; }

    /// <summary>The last dry run (mapping and preview steps) or the commit (result step).</summary>
    public ImportReport? Report { get; set; }

    public ImportRequest Request(bool dryRun) => new()
    {
        DryRun = dryRun,
        DuplicateMode = DuplicateMode,
        Mapping = Mapping,
        DefaultRegion = DefaultRegion,
        PreviewRows = 200,
    };

    /// <summary>Takes the mapping the workflow used (its suggestions on the first read), so that the user edits from there.</summary>
    public void KeepMapping(ImportReport report)
    {
        var mapping = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in report.Columns)
        {
            mapping.TryAdd(column.Header, column.Field);
        }

        Mapping = mapping;
    }

    public void Reset()
    {
        Step = ImportStep.Upload;
        Content = null;
        FileName = string.Empty;
        Mapping = null;
        Report = null;
        DuplicateMode = DuplicateMode.Skip;
        DefaultRegion = null;
    }
}
