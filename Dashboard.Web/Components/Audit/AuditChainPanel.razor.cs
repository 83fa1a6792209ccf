using Dashboard.Domain.Audit;
using Dashboard.Web.Auth;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Dashboard.Web.Components.Audit;

/// <summary>"Verify audit chain" for auditors and Admins: progress while the entries are checked, then intact or every broken link.</summary>
public sealed partial class AuditChainPanel
{
    private AuditChainReport? _report;
    private AuditChainProgress? _progress;
    private string? _error;
    private bool _running;

    [Inject]
    private AuditChainVerifier Verifier { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = default!;

    /// <summary>Raised after a verification (which is itself an audit entry), so the trail can show it.</summary>
    [Parameter]
    public EventCallback OnVerified { get; set; }

    private double Percent => _progress is { Total: > 0 } p ? 100.0 * p.Checked / p.Total : 0;

    private async Task VerifyAsync()
    {
        (_running, _report, _error, _progress) = (true, null, null, null);
        try
        {
            var actor = await CurrentActor.GetAsync();
            var progress = new UiProgress(this);
            // Off the render thread, so progress can be drawn while the entries stream in.
            var result = await Task.Run(() => Verifier.VerifyAsync(actor, progress));
            _report = result.Value;
            _error = result.Succeeded ? null : L.Message(result);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            _error = string.Format(System.Globalization.CultureInfo.CurrentCulture, L["The audit chain could not be verified: {0}"], ex.Message);
        }
        finally
        {
            _running = false;
        }

        await OnVerified.InvokeAsync();
    }

    private string ProblemText(AuditChainProblem problem) => problem switch
    {
        AuditChainProblem.ContentChanged => L["Content changed"],
        AuditChainProblem.LinkBroken => L["Link to the previous entry broken"],
        AuditChainProblem.EntryMissing => L["Entry missing"],
        AuditChainProblem.UnknownKey => L["Unknown key"],
        AuditChainProblem.AnchorNotGenuine => L["Anchor not genuine"],
        _ => L["Not sealed"],
    };

    /// <summary>Shows progress at most every few hundred milliseconds, on the component's dispatcher.</summary>
    private sealed class UiProgress(AuditChainPanel panel) : IProgress<AuditChainProgress>
    {
        private long _lastShown;

        public void Report(AuditChainProgress value)
        {
            panel._progress = value;
            var now = Environment.TickCount64;
            if (now - _lastShown >= 250 || value.Checked == value.Total)
            {
                _lastShown = now;
                _ = panel.InvokeAsync(panel.StateHasChanged);
            }
        }
    }
}
