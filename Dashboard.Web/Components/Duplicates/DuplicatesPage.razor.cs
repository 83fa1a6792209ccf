using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Duplicates;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Dashboard.Web.Duplicates;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Duplicates;

/// <summary>The duplicate queue: open suspicions the user may see, the background scan's progress, dismiss and merge.</summary>
public sealed partial class DuplicatesPage
{
    private const int PageSize = 25;
    private PagedResult<CandidateView> _page = new([], 0);
    private int _pageIndex;
    private bool _loading = true;
    private bool _canScan;
    private bool _wasRunning;
    private string? _message;
    private Actor _actor = default!;

    [Inject]
    private DuplicateScanRunner Runner { get; set; } = default!;

    [Inject]
    private DuplicateQueue Queue { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private double Percent => Runner.Progress is { Total: > 0 } p ? 100.0 * p.Done / p.Total : 0;

    private string StepText => Runner.Progress is { } p ? $"{p.Step} ({p.Done:N0} / {p.Total:N0})" : string.Empty;

    public void Dispose() => Runner.Changed -= OnRunnerChanged;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentActor.GetAsync();
        _canScan = _actor.IsInAny(Role.TeamLead, Role.Admin);
        _wasRunning = Runner.IsRunning;
        Runner.Changed += OnRunnerChanged;
        await LoadAsync(0);
    }

    private async Task LoadAsync(int page)
    {
        _loading = true;
        _pageIndex = page;
        _page = await Queue.ListAsync(_actor, DuplicateStatus.Open, page, PageSize);
        _loading = false;
    }

    private void ScanNow()
    {
        if (!Runner.RequestScan())
        {
            Snackbar.Add(L["A scan is already waiting to run."], Severity.Info);
        }
    }

    private async Task DismissAsync(CandidateView candidate)
    {
        var result = await Queue.DismissAsync(_actor, candidate.Id);
        _message = result.Succeeded ? null : L.Message(result);
        if (result.Succeeded)
        {
            Snackbar.Add(string.Format(System.Globalization.CultureInfo.CurrentCulture, L["{0} and {1} are kept apart."], candidate.A.Code, candidate.B.Code), Severity.Success);
        }

        await LoadAsync(_pageIndex);
    }

    private void OnRunnerChanged() => _ = InvokeAsync(async () =>
    {
        if (_wasRunning && !Runner.IsRunning)
        {
            // A scan just finished: show the queue it filled.
            await LoadAsync(_pageIndex);
        }

        _wasRunning = Runner.IsRunning;
        StateHasChanged();
    });
}
