using System.Globalization;
using Dashboard.Domain.Backups;
using Dashboard.Web.Auth;
using Dashboard.Web.Backups;
using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Components.Admin;

/// <summary>Backups for Admins: the schedule, "Back up now" with its progress and outcome, and the backups kept.</summary>
public sealed partial class BackupsPage
{
    private BackupListing? _listing;
    private BackupStep? _step;
    private BackupFile? _made;
    private string? _error;
    private bool _busy;

    [Inject]
    private BackupService Backups { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IOptions<BackupOptions> Options { get; set; } = default!;

    [Inject]
    private IOptions<DisplayOptions> Display { get; set; } = default!;

    private string ScheduleTime => BackupScheduler.ScheduleOf(Options.Value, Display.Value).TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture);

    private string ScheduleZone => Display.Value.Zone.Id;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        var result = await Backups.ListAsync(await CurrentActor.GetAsync());
        _listing = result.Value;
        _error = result.Succeeded ? _error : L.Message(result);
    }

    private async Task BackUpAsync()
    {
        _busy = true;
        _made = null;
        _error = null;
        _step = BackupStep.Copying;
        var actor = await CurrentActor.GetAsync();
        var progress = new Progress<BackupStep>(step =>
        {
            // Reports are posted; a late one must not bring the bar back after the run.
            if (_busy)
            {
                _step = step;
                _ = InvokeAsync(StateHasChanged);
            }
        });
        try
        {
            // Off the circuit's thread, so the page stays responsive while the copy is written.
            var result = await Task.Run(() => Backups.CreateAsync(actor, progress));
            _made = result.Value;
            _error = L.Message(result);
        }
        finally
        {
            _busy = false;
            _step = null;
        }

        await LoadAsync();
    }

    private string StepText(BackupStep step) => step switch
    {
        BackupStep.Copying => L["Copying the database…"],
        BackupStep.Checking => L["Checking the copy…"],
        _ => L["Deleting old backups…"],
    };

    private static string SizeText(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Format(CultureInfo.CurrentCulture, "{0:F1} GB", bytes / (double)(1L << 30)),
        >= 1L << 20 => string.Format(CultureInfo.CurrentCulture, "{0:F1} MB", bytes / (double)(1L << 20)),
        >= 1L << 10 => string.Format(CultureInfo.CurrentCulture, "{0:F0} KB", bytes / (double)(1L << 10)),
        _ => string.Format(CultureInfo.CurrentCulture, "{0} B", bytes),
    };
}
