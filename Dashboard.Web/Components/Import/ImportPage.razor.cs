using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.CustomFields;
using Dashboard.Domain.Import;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Import;

/// <summary>
/// The import wizard: upload → mapping with suggestions → preview (a dry run) with per-cell errors and the duplicate
/// mode → commit with a progress bar → result with the error report. Every step runs <see cref="ImportWorkflow"/>,
/// so the preview shows exactly what the commit will do.
/// </summary>
public sealed partial class ImportPage
{
    private readonly ImportWizardState _state = new();
    private IReadOnlyList<ImportField> _fields = [];
    private Actor _actor = default!;
    private ImportProgress? _progress;
    private CancellationTokenSource? _cancel;
    private string? _message;
    private bool _committing;
    private int _lastPercent = -1;

    [Inject]
    private ImportWorkflow Workflow { get; set; } = default!;

    [Inject]
    private CustomFieldService CustomFields { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private bool Busy => _progress is not null;

    public void Dispose()
    {
        _cancel?.Cancel();
        _cancel?.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        var custom = await CustomFields.ListAsync();
        _fields = [.. ImportFields.All([]), .. custom.Select(f => new ImportField(ImportFields.CustomKey(f.Id), f.Label, false, IsCustom: true))];
    }

    private async Task ReadFileAsync((string Name, byte[] Content) file)
    {
        _state.Reset();
        (_state.FileName, _state.Content) = file;
        if (await RunAsync(dryRun: true) is { } report)
        {
            _state.KeepMapping(report);
            _state.Step = ImportStep.Mapping;
        }
    }

    private async Task PreviewAsync()
    {
        if (await RunAsync(dryRun: true) is not null)
        {
            _state.Step = ImportStep.Preview;
        }
    }

    private async Task ChangeModeAsync(DuplicateMode mode)
    {
        _state.DuplicateMode = mode;
        await RunAsync(dryRun: true);
    }

    private async Task CommitAsync()
    {
        _committing = true;
        var report = await RunAsync(dryRun: false);
        _committing = false;
        if (report is not null)
        {
            _state.Step = ImportStep.Result;
            Snackbar.Add(string.Format(CultureInfo.CurrentCulture, L["Imported: {0} created, {1} updated."], report.Created, report.Updated), Severity.Success);
        }
    }

    /// <summary>Runs the workflow off the circuit's thread, showing its progress; null when it was refused or cancelled.</summary>
    private async Task<ImportReport?> RunAsync(bool dryRun)
    {
        _message = null;
        _progress = new ImportProgress(ImportPhases.Reading, 0, 1);
        _cancel = new CancellationTokenSource();
        var progress = new Progress<ImportProgress>(OnProgress);
        try
        {
            var (content, name, request, token) = (_state.Content!, _state.FileName, _state.Request(dryRun), _cancel.Token);
            var result = await Task.Run(() => Workflow.ImportFileAsync(_actor, new MemoryStream(content, writable: false), name, request, progress, token), token);
            if (!result.Succeeded)
            {
                _message = result.Errors.Count > 0 ? string.Join(" ", result.Errors.Select(L.Text)) : L.Message(result);
                return null;
            }

            _state.Report = result.Value;
            return result.Value;
        }
        catch (OperationCanceledException)
        {
            _message = L["The import was cancelled; nothing was imported."];
            return null;
        }
        finally
        {
            _progress = null;
            _lastPercent = -1;
            _cancel.Dispose();
            _cancel = null;
        }
    }

    private void OnProgress(ImportProgress progress)
    {
        // One render per percent, however often the workflow reports.
        var percent = (int)progress.Percent;
        if (_progress is null || (percent == _lastPercent && progress.Phase == _progress.Phase))
        {
            return;
        }

        _lastPercent = percent;
        _progress = progress;
        StateHasChanged();
    }

    private void Cancel() => _cancel?.Cancel();

    private void StartOver()
    {
        _state.Reset();
        _message = null;
    }

    private string StepName(ImportStep step) => step switch
    {
        ImportStep.Upload => L["Upload"],
        ImportStep.Mapping => L["Columns"],
        ImportStep.Preview => L["Preview"],
        _ => L["Result"],
    };

    private string PhaseText(string phase) => phase switch
    {
        ImportPhases.Reading => L["Reading the file"],
        ImportPhases.Validating => L["Validating rows"],
        ImportPhases.Matching => L["Checking for duplicates"],
        _ => L["Saving"],
    };
}
