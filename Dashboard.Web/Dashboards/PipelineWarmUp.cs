using Dashboard.Domain.Dashboards.Projection;

namespace Dashboard.Web.Dashboards;

/// <summary>
/// Reads the pipeline projection into memory in the background once the app has started, so that the first
/// dashboard opened does not wait for it and the start itself does not either; then brings stored sensitive values
/// up to the current key (FieldProtectionMaintenance, which reads every protected column) and gathers the query
/// planner's statistics (DatabaseInitializer.GatherStatisticsAsync): each takes seconds at a million cards.
/// </summary>
internal sealed class PipelineWarmUp(
    PipelineStore store,
    Dashboard.Domain.Persistence.DatabaseInitializer initializer,
    Dashboard.Domain.Security.FieldProtectionMaintenance protection,
    ILogger<PipelineWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await store.EnsureLoadedAsync(stoppingToken);
            if (!initializer.ProtectFieldsAtStart)
            {
                await protection.RunAsync(ct: stoppingToken);
            }

            await initializer.GatherStatisticsAsync(stoppingToken);
            logger.LogInformation("Start-up work in the background done in {Seconds:F1} s", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The pipeline projection could not be read into memory; the dashboard tries again when it is opened");
        }
    }
}
