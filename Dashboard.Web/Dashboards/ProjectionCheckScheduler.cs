using Dashboard.Domain.Dashboards.Projection;
using Dashboard.Domain.Persistence;
using Dashboard.Web.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Dashboards;

/// <summary>
/// Every night at 03:30 (display time zone, after the recomputes and the backup) compares the pipeline projection
/// with the card tables and logs any drift as an error; drifted cards are read again so the dashboards are right
/// again by morning. Never stops the app.
/// </summary>
internal sealed class ProjectionCheckScheduler(
    IDbContextFactory<DashboardDbContext> dbFactory,
    PipelineStore store,
    TimeProvider clock,
    IOptions<DisplayOptions> display,
    ILogger<ProjectionCheckScheduler> logger) : BackgroundService
{
    public static readonly TimeOnly Time = new(3, 30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = new TierRecomputeSchedule(Time, display.Value.Zone);
        var after = clock.GetUtcNow();
        try
        {
            while (true)
            {
                var due = schedule.Next(after);
                var wait = due - clock.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, stoppingToken);
                await CheckAsync(stoppingToken);
                after = due > clock.GetUtcNow() ? due : clock.GetUtcNow();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        try
        {
            var check = await PipelineProjectionMaintenance.CheckAsync(dbFactory, ct);
            if (check.IsConsistent)
            {
                logger.LogInformation("Nightly check: {Result}", check.Describe());
                return;
            }

            logger.LogError("Nightly check: {Result}; repairing the rows", check.Describe());
            var repaired = await PipelineProjectionMaintenance.RepairAsync(dbFactory, check, ct);
            await store.RefreshAsync(repaired, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The nightly check of the pipeline projection failed");
        }
    }
}
