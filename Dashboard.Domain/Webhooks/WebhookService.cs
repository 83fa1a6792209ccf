using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Webhooks;

/// <summary>
/// Webhook configuration for Admins (PRODUCT.md C5): register an endpoint for chosen card events (its signing
/// secret is returned once), rotate the secret, pause, resume, delete, send a test event, and retry a failed
/// delivery. Every change is audited.
/// </summary>
public sealed class WebhookService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock, WebhookSignal signal, IOptions<WebhookOptions> options)
{
    public const string RegisteredAction = "webhook.registered";
    public const string SecretRotatedAction = "webhook.secret-rotated";
    public const string PausedAction = "webhook.paused";
    public const string ResumedAction = "webhook.resumed";
    public const string DeletedAction = "webhook.deleted";
    public const string TestSentAction = "webhook.test-sent";
    public const string RetriedAction = "webhook.delivery-retried";
    private const string EndpointEntity = nameof(WebhookEndpoint);
    private const string Forbidden = "Only an Admin can configure webhooks.";
    private readonly WebhookDestinationPolicy _destinations = WebhookDestinationPolicy.From(options.Value);

    public async Task<CommandResult<WebhookSecret>> RegisterAsync(Actor actor, WebhookEndpointDraft draft, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult<WebhookSecret>.From(CommandResult.Forbidden(Forbidden));
        }

        var errors = new List<FieldError>();
        var url = WebhookUrl.Validate(draft.Url, _destinations, errors);
        var description = TextInput.Clean(draft.Description, nameof(WebhookEndpointDraft.Description), errors);
        if (description is { Length: > WebhookEndpoint.DescriptionMaxLength })
        {
            errors.Add(new(nameof(WebhookEndpointDraft.Description), "text.too-long", $"Must be at most {WebhookEndpoint.DescriptionMaxLength} characters."));
        }

        var events = draft.Events & WebhookEvents.All;
        if (events == WebhookEvents.None)
        {
            errors.Add(new(nameof(WebhookEndpointDraft.Events), "webhook.events-required", "Choose at least one event to send."));
        }

        if (errors.Count > 0)
        {
            return CommandResult<WebhookSecret>.From(CommandResult.Invalid(errors));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var endpoint = WebhookEndpoint.Create(Guid.NewGuid(), url!, events, description, actor.StaffId, now);
        db.WebhookEndpoints.Add(endpoint);
        AuditLog.Record(db, actor, now, RegisteredAction, EndpointEntity, IdOf(endpoint), $"Registered webhook {url} for {string.Join(", ", WebhookEventNames.NamesOf(events))}",
            [new FieldChange(nameof(WebhookEndpoint.Url), null, url), new FieldChange(nameof(WebhookEndpoint.Events), null, string.Join(", ", WebhookEventNames.NamesOf(events)))]);
        await db.SaveChangesAsync(ct);
        return new WebhookSecret(endpoint.Id, endpoint.Secret);
    }

    /// <summary>Replaces the signing secret; deliveries sent from now on are signed with the new one.</summary>
    public Task<CommandResult<WebhookSecret>> RotateSecretAsync(Actor actor, Guid endpointId, CancellationToken ct = default) =>
        ChangeAsync(actor, endpointId, (db, endpoint, now) =>
        {
            endpoint.RotateSecret(now);
            AuditLog.Record(db, actor, now, SecretRotatedAction, EndpointEntity, IdOf(endpoint), $"Rotated the secret of webhook {endpoint.Url}");
            return Task.FromResult(new WebhookSecret(endpoint.Id, endpoint.Secret));
        }, ct);

    /// <summary>Pauses (no new events; queued ones wait) or resumes an endpoint.</summary>
    public async Task<CommandResult> SetActiveAsync(Actor actor, Guid endpointId, bool active, CancellationToken ct = default)
    {
        var result = await ChangeAsync(actor, endpointId, (db, endpoint, now) =>
        {
            if (endpoint.IsActive != active)
            {
                endpoint.SetActive(active);
                AuditLog.Record(db, actor, now, active ? ResumedAction : PausedAction, EndpointEntity, IdOf(endpoint),
                    $"{(active ? "Resumed" : "Paused")} webhook {endpoint.Url}", [new FieldChange(nameof(WebhookEndpoint.IsActive), (!active).ToString(), active.ToString())]);
            }

            return Task.FromResult(true);
        }, ct);
        if (result.Succeeded && active)
        {
            signal.Notify();
        }

        return result;
    }

    /// <summary>Deletes an endpoint: it gets nothing more, and deliveries still queued for it are cancelled. The log keeps its history.</summary>
    public async Task<CommandResult> DeleteAsync(Actor actor, Guid endpointId, CancellationToken ct = default) =>
        await ChangeAsync(actor, endpointId, async (db, endpoint, now) =>
        {
            endpoint.Delete(now);
            var queued = await db.WebhookDeliveries.Where(d => d.EndpointId == endpoint.Id && d.Status == WebhookDeliveryStatus.Pending).ToListAsync(ct);
            queued.ForEach(d => d.Cancel());
            AuditLog.Record(db, actor, now, DeletedAction, EndpointEntity, IdOf(endpoint),
                $"Deleted webhook {endpoint.Url}; {queued.Count.ToString(CultureInfo.InvariantCulture)} queued deliveries cancelled");
            return true;
        }, ct);

    /// <summary>Queues a <c>webhook.test</c> event for this endpoint only, whatever it subscribes to.</summary>
    public async Task<CommandResult<Guid>> SendTestAsync(Actor actor, Guid endpointId, CancellationToken ct = default)
    {
        var result = await ChangeAsync(actor, endpointId, (db, endpoint, now) =>
        {
            var eventId = Guid.NewGuid();
            var delivery = WebhookDelivery.Queue(eventId, WebhookEventNames.Test, endpoint.Id, null, WebhookPayload.ForTest(eventId, endpoint.Id, now), now);
            db.WebhookDeliveries.Add(delivery);
            AuditLog.Record(db, actor, now, TestSentAction, EndpointEntity, IdOf(endpoint), $"Sent a test event to webhook {endpoint.Url}");
            return Task.FromResult(delivery.Id);
        }, ct);
        if (result.Succeeded)
        {
            signal.Notify();
        }

        return result;
    }

    /// <summary>Puts a failed (or waiting) delivery back in the queue, due now, with a fresh set of attempts.</summary>
    public async Task<CommandResult> RetryNowAsync(Actor actor, Guid deliveryId, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult.Forbidden(Forbidden);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var delivery = await db.WebhookDeliveries.Include(d => d.Endpoint).SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (delivery is null)
        {
            return CommandResult.NotFound("The delivery does not exist.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (delivery.Endpoint!.DeletedAt is not null || !delivery.Retry(now))
        {
            return CommandResult.Conflict("This delivery cannot be retried: it was delivered, or its endpoint was deleted.");
        }

        AuditLog.Record(db, actor, now, RetriedAction, EndpointEntity, IdOf(delivery.Endpoint), $"Retried delivery {delivery.Id} ({delivery.EventType}) to {delivery.Endpoint.Url}");
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return CommandResult.Ok();
    }

    public async Task<IReadOnlyList<WebhookEndpointView>> ListEndpointsAsync(Actor actor, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.DeletedAt == null).OrderBy(e => e.CreatedAt).ToListAsync(ct);
        var stats = await db.WebhookDeliveries.AsNoTracking()
            .GroupBy(d => d.EndpointId)
            .Select(g => new
            {
                EndpointId = g.Key,
                Pending = g.Count(d => d.Status == WebhookDeliveryStatus.Pending),
                Failed = g.Count(d => d.Status == WebhookDeliveryStatus.Failed),
                LastDelivered = g.Max(d => d.DeliveredAt),
            })
            .ToDictionaryAsync(s => s.EndpointId, ct);
        return endpoints.Select(e =>
        {
            var s = stats.GetValueOrDefault(e.Id);
            return new WebhookEndpointView(e.Id, e.Url, e.Description, e.Events, e.IsActive, e.CreatedAt, e.SecretRotatedAt, s?.Pending ?? 0, s?.Failed ?? 0, s?.LastDelivered);
        }).ToList();
    }

    /// <summary>The delivery log, newest first.</summary>
    public async Task<PagedResult<WebhookDeliveryView>> ListDeliveriesAsync(Actor actor, WebhookDeliveryFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return new PagedResult<WebhookDeliveryView>([], 0);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deliveries = db.WebhookDeliveries.AsNoTracking();
        if (filter.EndpointId is { } endpointId)
        {
            deliveries = deliveries.Where(d => d.EndpointId == endpointId);
        }

        if (filter.Status is { } status)
        {
            deliveries = deliveries.Where(d => d.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.EventType))
        {
            deliveries = deliveries.Where(d => d.EventType == filter.EventType);
        }

        var total = await deliveries.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, 200);
        var items = await deliveries
            .OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id)
            .Skip(Math.Max(page, 0) * size).Take(size)
            .Select(d => new WebhookDeliveryView(d.Id, d.EventId, d.EventType, d.EndpointId, d.Endpoint!.Url, d.CardCode, d.CreatedAt, d.Status,
                d.Attempts, d.LastStatusCode, d.LastError, d.LastAttemptAt, d.NextAttemptAt, d.DeliveredAt))
            .ToListAsync(ct);
        return new PagedResult<WebhookDeliveryView>(items, total);
    }

    public async Task<IReadOnlyList<WebhookAttemptView>> ListAttemptsAsync(Actor actor, Guid deliveryId, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Number)
            .Select(a => new WebhookAttemptView(a.Number, a.At, a.StatusCode, a.Error, a.DurationMs, a.Succeeded))
            .ToListAsync(ct);
    }

    private static string IdOf(WebhookEndpoint endpoint) => endpoint.Id.ToString();

    private async Task<CommandResult<T>> ChangeAsync<T>(Actor actor, Guid endpointId, Func<DashboardDbContext, WebhookEndpoint, DateTime, Task<T>> change, CancellationToken ct)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult<T>.From(CommandResult.Forbidden(Forbidden));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.DeletedAt == null, ct);
        if (endpoint is null)
        {
            return CommandResult<T>.From(CommandResult.NotFound("The webhook endpoint does not exist or was deleted."));
        }

        var value = await change(db, endpoint, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return CommandResult<T>.Ok(value);
    }
}
