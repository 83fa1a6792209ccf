using Dashboard.Domain.Common;
using Dashboard.Domain.Tiers;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Components.Admin;

/// <summary>
/// The tier rules for Admins: edited with the domain's own validation as they type, saved (which recomputes every
/// card), and a "recompute now" with progress and a summary.
/// </summary>
public sealed partial class TiersPage
{
    private TierPolicyView? _policy;
    private TierPolicyDraft _draft = new();
    private IReadOnlyList<FieldError> _errors = [];
    private string? _message;
    private bool _busy;
    private TierRecomputeProgress? _progress;
    private TierRecomputeReport? _report;

    [Inject]
    private TierService Tiers { get; set; } = default!;

    [Inject]
    private TierQueries Queries { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _policy = await Queries.GetPolicyAsync();
        _draft = TierPolicyDraft.From(_policy.Rules);
    }

    private string? ErrorOf(string field) => L.ErrorFor(_errors, field);

    private string? ErrorOf(CustomerTier tier, string property) => ErrorOf(TierPolicyDraft.FieldOf(tier, property));

    /// <summary>The same rules the service applies, as the Admin types.</summary>
    private void Revalidate() => _errors = TierPolicyValidator.Validate(_draft, _policy!.Currency).Errors;

    private async Task SaveAsync()
    {
        Revalidate();
        if (_errors.Count > 0)
        {
            return;
        }

        var actor = await CurrentActor.GetAsync();
        var (version, draft) = (_policy!.Version, _draft);
        var result = await RunAsync(progress => Tiers.SavePolicyAsync(actor, version, draft, progress));
        _errors = result.Errors;
        _message = result.Errors.Count == 0 ? L.Message(result) : null;
        if (result.Succeeded)
        {
            _report = result.Value!.Recompute;
            Snackbar.Add(L["Tier rules saved."], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RecomputeAsync()
    {
        var actor = await CurrentActor.GetAsync();
        var result = await RunAsync(progress => Tiers.RecomputeAllAsync(actor, progress));
        _message = L.Message(result);
        _report = result.Value;
        _policy = await Queries.GetPolicyAsync();
    }

    /// <summary>Runs a long command off the circuit's thread so the page stays responsive, showing its progress.</summary>
    private async Task<T> RunAsync<T>(Func<IProgress<TierRecomputeProgress>, Task<T>> command)
    {
        _busy = true;
        _report = null;
        _message = null;
        var progress = new Progress<TierRecomputeProgress>(p =>
        {
            // Reports are posted; a late one must not bring the bar back after the run.
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
