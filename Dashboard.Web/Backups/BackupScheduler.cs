using Dashboard.Domain.Access;
using Dashboard.Domain.Backups;
using Dashboard.Web.Tiers;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Backups;

/// <summary>
/// Backs up the database once a day at <c>Dashboard:Backups:Time</c> ("HH:mm", default 03:00, after the nightly
/// recomputes) in the display time zone. A day missed while the app was down is not made up at start: the next backup
/// is at the next scheduled time (an Admin can back up at once on the Backups page). Failures are logged and audited
/// nowhere else, and never stop the app.
/// </summary>
internal sealed class BackupScheduler(
    BackupService backups,
    TimeProvider clock,
    IOptions<BackupOptions> options,
    IOptions<DisplayOptions> display,
    ILogger<BackupScheduler> logger) : BackgroundService
{
    public static readonly TimeOnly DefaultTime = new(3, 0);

    /// <summary>The configured schedule (the default when the setting is empty or not a time).</summary>
    public static TierRecomputeSchedule ScheduleOf(BackupOptions options, DisplayOptions display) =>
        new(TierRecomputeSchedule.ParseTime(options.Time) ?? DefaultTime, display.Zone);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(options.Value.Time) && TierRecomputeSchedule.ParseTime(options.Value.Time) is null)
            {
                logger.LogWarning("{Setting} \"{Value}\" is not a time of day (HH:mm); using {Default}", $"{BackupOptions.SectionName}:Time", options.Value.Time, DefaultTime);
            }

            var schedule = ScheduleOf(options.Value, display.Value);
            logger.LogInformation("The database is backed up daily at {Time} ({Zone}), keeping {Keep}", schedule.TimeOfDay, schedule.Zone.Id, options.Value.Keep);
            var after = clock.GetUtcNow();
            while (true)
            {
                var due = schedule.Next(after);
                var wait = due - clock.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, stoppingToken);
                var result = await backups.CreateAsync(Actor.System, ct: stoppingToken);
                if (!result.Succeeded)
                {
                    logger.LogError("The daily backup failed: {Reason}", result.Message ?? string.Join(" ", result.Errors.Select(e => e.Message)));
                }

                // From the due time on, so that a timer firing a little early cannot bring the same run round again.
                after = due > clock.GetUtcNow() ? due : clock.GetUtcNow();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The daily backup schedule stopped; back up from the Backups page until the app restarts");
        }
    }
}
