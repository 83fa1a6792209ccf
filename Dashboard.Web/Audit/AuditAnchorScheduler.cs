using Dashboard.Domain.Audit;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Audit;

/// <summary>
/// Writes the audit chain's head to the anchor file outside the database (<see cref="AuditAnchorStore"/>) at start,
/// every <c>Dashboard:AuditAnchor:Interval</c> while the chain grows, and when the app stops. A failure is logged and
/// tried again at the next interval; it never stops the app.
/// </summary>
internal sealed class AuditAnchorScheduler(AuditAnchorStore anchors, TimeProvider clock, IOptions<AuditAnchorOptions> options, ILogger<AuditAnchorScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("The audit chain's head is anchored every {Interval} in {File}", options.Value.Interval, anchors.FilePath);
        try
        {
            while (true)
            {
                await AnchorAsync(stoppingToken);
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping: StopAsync anchors once more.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await AnchorAsync(cancellationToken);
    }

    private async Task AnchorAsync(CancellationToken ct)
    {
        try
        {
            if (await anchors.WriteHeadAsync(ct) is { } anchor)
            {
                logger.LogDebug("Anchored the audit chain at entry {EntryId}", anchor.EntryId);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The audit chain's head could not be written to {File}; trying again in {Interval}", anchors.FilePath, options.Value.Interval);
        }
    }
}
