using Dashboard.Domain.Changes;
using Dashboard.Domain.Webhooks;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Webhooks;

/// <summary>
/// Delivers the webhook outbox in the background: wakes when a card is saved (or an Admin queues a test or a
/// retry) and otherwise every <see cref="WebhookOptions.PollInterval"/>, takes the due deliveries, posts them and
/// records each attempt. Stopping mid-attempt gives the claim back; had the process died instead, the stored
/// claim runs out and the delivery is taken up again, so a restart loses nothing.
/// </summary>
public sealed class WebhookDeliveryWorker(
    WebhookDeliveryQueue queue,
    WebhookSender sender,
    WebhookSignal signal,
    CardChangeNotifier notifier,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private const int Parallelism = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void OnCardChanged(CardChange change) => signal.Notify();
        notifier.Changed += OnCardChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var claimed = 0;
                try
                {
                    claimed = await DeliverDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Webhook delivery round failed; trying again in {Interval}", options.Value.PollInterval);
                }

                // A full batch means more may be due: go on at once.
                if (claimed < options.Value.BatchSize)
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
        finally
        {
            notifier.Changed -= OnCardChanged;
        }
    }

    /// <summary>One round: claims what is due and delivers it; returns how many deliveries were claimed.</summary>
    internal async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var due = await queue.ClaimDueAsync(ct);
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = CancellationToken.None }, async (dispatch, _) =>
        {
            if (ct.IsCancellationRequested)
            {
                await queue.ReleaseAsync(dispatch, CancellationToken.None);
                return;
            }

            WebhookAttemptOutcome outcome;
            try
            {
                outcome = await sender.SendAsync(dispatch, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping before the receiver answered: not an attempt; the next start sends it again.
                await queue.ReleaseAsync(dispatch, CancellationToken.None);
                return;
            }

            await queue.RecordAsync(dispatch, outcome, CancellationToken.None);
            if (outcome.Succeeded)
            {
                logger.LogInformation("Delivered webhook {EventType} {DeliveryId} to {Url}", dispatch.EventType, dispatch.DeliveryId, dispatch.Url);
            }
            else
            {
                logger.LogWarning("Webhook {EventType} {DeliveryId} to {Url} failed: {Error}", dispatch.EventType, dispatch.DeliveryId, dispatch.Url, outcome.Error);
            }
        });
        return due.Count;
    }
}
