using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Webhooks;

/// <summary>
/// The sender's side of the outbox: takes due deliveries with a stored claim, and records each attempt in the
/// delivery log with the next attempt after an exponential backoff. Claims are stored rather than held in memory,
/// so a delivery whose sender stopped is taken up again when its claim runs out (at least once, never lost).
/// </summary>
public sealed class WebhookDeliveryQueue(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock, IOptions<WebhookOptions> options)
{
    /// <summary>Claims up to the batch size of due deliveries to active endpoints, oldest due first.</summary>
    public async Task<IReadOnlyList<WebhookDispatch>> ClaimDueAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil <= now))
            .Where(d => d.Endpoint!.IsActive && d.Endpoint.DeletedAt == null)
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.CreatedAt)
            .Take(settings.BatchSize)
            .Select(d => new WebhookDispatch(d.Id, d.EventId, d.EventType, d.Endpoint!.Url, d.Endpoint.Secret, d.Payload))
            .ToListAsync(ct);

        var claimedUntil = now + settings.ClaimDuration;
        var claimed = new List<WebhookDispatch>(due.Count);
        foreach (var dispatch in due)
        {
            // Conditional, so that two senders (two app instances) never both take one delivery.
            var taken = await db.WebhookDeliveries
                .Where(d => d.Id == dispatch.DeliveryId && d.Status == WebhookDeliveryStatus.Pending && (d.ClaimedUntil == null || d.ClaimedUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntil, claimedUntil), ct);
            if (taken == 1)
            {
                claimed.Add(dispatch);
            }
        }

        return claimed;
    }

    /// <summary>Records an attempt in the delivery log and the delivery's new state.</summary>
    public async Task RecordAsync(WebhookDispatch dispatch, WebhookAttemptOutcome outcome, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == dispatch.DeliveryId, ct);
        if (delivery is null)
        {
            return;
        }

        db.WebhookAttempts.Add(delivery.RecordAttempt(outcome, clock.GetUtcNow().UtcDateTime, options.Value));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Gives a claim back without an attempt, when the sender stops before the receiver answered.</summary>
    public async Task ReleaseAsync(WebhookDispatch dispatch, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.WebhookDeliveries.Where(d => d.Id == dispatch.DeliveryId && d.Status == WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);
    }
}
