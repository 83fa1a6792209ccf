namespace Dashboard.Domain.Webhooks;

/// <summary>What an Admin types to register an endpoint.</summary>
public sealed class WebhookEndpointDraft
{
    public string? Url { get; set; }

    public string? Description { get; set; }

    public WebhookEvents Events { get; set; } = WebhookEvents.All;
}

/// <summary>A registered endpoint as the Admin pages show it; the secret is never part of it.</summary>
public sealed record WebhookEndpointView(
    Guid Id,
    string Url,
    string? Description,
    WebhookEvents Events,
    bool IsActive,
    DateTime CreatedAt,
    DateTime? SecretRotatedAt,
    int Pending,
    int Failed,
    DateTime? LastDeliveredAt);

/// <summary>The secret of a new or rotated endpoint: shown once, then only the receiver knows it.</summary>
public sealed record WebhookSecret(Guid EndpointId, string Secret);

/// <summary>One row of the delivery log.</summary>
public sealed record WebhookDeliveryView(
    Guid Id,
    Guid EventId,
    string EventType,
    Guid EndpointId,
    string EndpointUrl,
    string? CardCode,
    DateTime CreatedAt,
    WebhookDeliveryStatus Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTime? LastAttemptAt,
    DateTime? NextAttemptAt,
    DateTime? DeliveredAt)
{
    public bool CanRetry => Status is WebhookDeliveryStatus.Failed or WebhookDeliveryStatus.Pending;
}

/// <summary>One attempt of a delivery, for the log's detail rows.</summary>
public sealed record WebhookAttemptView(int Number, DateTime At, int? StatusCode, string? Error, int DurationMs, bool Succeeded);

/// <summary>Filters of the delivery log.</summary>
public sealed record WebhookDeliveryFilter(Guid? EndpointId = null, WebhookDeliveryStatus? Status = null, string? EventType = null);

/// <summary>A delivery taken by a sender: everything needed to post it.</summary>
public sealed record WebhookDispatch(Guid DeliveryId, Guid EventId, string EventType, string Url, string Secret, string Payload);
