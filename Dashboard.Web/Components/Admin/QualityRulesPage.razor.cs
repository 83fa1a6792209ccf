using Dashboard.Domain.Common;
using Dashboard.Domain.Quality;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Dashboard.Web.Components.Admin;

/// <summary>
/// The quality rules for Admins: fields required or recommended per card kind, the verification SLA per tier and the
/// weights, checked with the domain's own validation as they are typed; saving rescores every card.
/// </summary>
public sealed partial class QualityRulesPage
{
    private QualityPolicyView? _policy;
    private QualityPolicyDraft _draft = new();
    private IReadOnlyList<FieldError> _errors = [];
    private string? _message;
    private bool _busy;
    private QualityRecomputeProgress? _progress;
    private QualityRecomputeReport? _report;

    [Inject] private QualityService Quality { get; set; } = default!;

    [Inject] private QualityQueries Queries { get; set; } = default!;

    [Inject] private CurrentActor CurrentActor { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IStringLocalizer<SharedResource> L { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _policy = await Queries.GetPolicyAsync();
        _draft = QualityPolicyDraft.From(_policy.Rules);
    }

    private string? ErrorOf(string field) => L.ErrorFor(_errors, field);

    private void Set(Action change)
    {
        change();
        _errors = QualityPolicyValidator.Validate(_draft).Errors;
    }

    private async Task SaveAsync()
    {
        _errors = QualityPolicyValidator.Validate(_draft).Errors;
        if (_errors.Count > 0)
        {
            return;
        }

        var actor = await CurrentActor.GetAsync();
        var (version, draft) = (_policy!.Version, _draft);
        var result = await RunAsync(progress => Quality.SavePolicyAsync(actor, version, draft, progress));
        _errors = result.Errors;
        _message = result.Errors.Count == 0 ? L.Message(result) : null;
        if (result.Succeeded)
        {
            _report = result.Value!.Recompute;
            Snackbar.Add(L["Quality rules saved."], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RecomputeAsync()
    {
        var actor = await CurrentActor.GetAsync();
        var result = await RunAsync(progress => Quality.RecomputeAllAsync(actor, progress));
        _message = L.Message(result);
        _report = result.Value;
        _policy = await Queries.GetPolicyAsync();
    }

    /// <summary>Runs a long command off the circuit's thread so the page stays responsive, showing its progress.</summary>
    private async Task<T> RunAsync<T>(Func<IProgress<QualityRecomputeProgress>, Task<T>> command)
    {
        _busy = true;
        _report = null;
        _message = null;
        var progress = new Progress<QualityRecomputeProgress>(p =>
        {
            if (_busy)
            {
                _progress = p;
                _ = InvokeAsync(StateHasChanged);
            }
        });
        try
        {
            return await Task.Run(() => command(progress));
        }
        finally
        {
            _busy = false;
            _progress = null;
        }
    }
}
