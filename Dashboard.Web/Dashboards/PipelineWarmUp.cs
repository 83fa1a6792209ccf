using Dashboard.Domain.Dashboards.Projection;

namespace Dashboard.Web.Dashboards;

/// <summary>
/// Reads the pipeline projection into memory in the background once the app has started, so that the first
/// dashboard opened does not wait for it and the start itself does not either.
/// </summary>
internal sealed class PipelineWarmUp(PipelineStore store, ILogger<PipelineWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await store.EnsureLoadedAsync(stoppingToken);
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
