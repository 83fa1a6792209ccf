using System.Globalization;
using System.Text;

namespace Dashboard.Domain.Webhooks;

/// <summary>Where a delivery stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every allowed attempt failed; an Admin can retry it.</summary>
    Failed,

    /// <summary>The endpoint was deleted before the event reached it.</summary>
    Cancelled,
}

/// <summary>
/// One event for one endpoint: a row of the persisted outbox, written in the same transaction as the card change,
/// and its delivery state. The payload is fixed when the change is saved, so every retry sends the same body.
/// </summary>
public sealed class WebhookDelivery
{
    public const int EventTypeMaxLength = 50;
    public const int ErrorMaxLength = 500;

    /// <summary>The longest reason kept for an attempt: ours, one line (the receiver's reply is never kept).</summary>
    public const int ReasonMaxLength = 200;

    private WebhookDelivery()
    {
        EventType = string.Empty;
        Payload = string.Empty;
    }

    /// <summary>The <c>X-Dashboard-Delivery</c> header: one per event and endpoint.</summary>
    public Guid Id { get; private set; }

    /// <summary>The payload's <c>id</c>: one per event, the same for every endpoint and retry, for receivers' idempotency.</summary>
    public Guid EventId { get; private set; }

    public string EventType { get; private set; }

    public Guid EndpointId { get; private set; }

    public WebhookEndpoint? Endpoint { get; private set; }

    /// <summary>The card the event is about, for the delivery log; null for test events.</summary>
    public string? CardCode { get; private set; }

    /// <summary>The JSON body, exactly as it is posted.</summary>
    public string Payload { get; private set; }

    /// <summary>When the event happened (the change was saved).</summary>
    public DateTime CreatedAt { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; }

    /// <summary>Every attempt ever made, including those before a "retry now".</summary>
    public int Attempts { get; private set; }

    /// <summary>Failures since the last success or "retry now": the backoff and the attempt limit count these.</summary>
    public int FailuresInARow { get; private set; }

    /// <summary>When the next attempt is due while pending; null otherwise.</summary>
    public DateTime? NextAttemptAt { get; private set; }

    /// <summary>
    /// A sender holds the delivery until then. Stored, so that a delivery whose sender stopped mid-attempt is taken
    /// up again once the claim runs out: delivered at least once, never lost.
    /// </summary>
    public DateTime? ClaimedUntil { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

    internal static WebhookDelivery Queue(Guid eventId, string eventType, Guid endpointId, string? cardCode, string payload, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        EventId = eventId,
        EventType = eventType,
        EndpointId = endpointId,
        CardCode = cardCode,
        Payload = payload,
        CreatedAt = now,
        Status = WebhookDeliveryStatus.Pending,
        NextAttemptAt = now,
    };

    /// <summary>Records one attempt's outcome: delivered on 2xx, else the next attempt after the backoff, or failed for good.</summary>
    internal WebhookAttempt RecordAttempt(WebhookAttemptOutcome outcome, DateTime now, WebhookOptions options)
    {
        Attempts++;
        LastAttemptAt = now;
        LastStatusCode = outcome.StatusCode;
        LastError = Reason(outcome.Error);
        ClaimedUntil = null;
        if (outcome.Succeeded)
        {
            FailuresInARow = 0;
            DeliveredAt = now;
            NextAttemptAt = null;
            Status = WebhookDeliveryStatus.Delivered;
        }
        else if (Status == WebhookDeliveryStatus.Pending)
        {
            FailuresInARow++;
            if (FailuresInARow >= options.MaxAttempts)
            {
                Status = WebhookDeliveryStatus.Failed;
                NextAttemptAt = null;
            }
            else
            {
                NextAttemptAt = now + options.BackoffAfter(FailuresInARow);
            }
        }

        return new WebhookAttempt(Id, Attempts, now, outcome.StatusCode, LastError, outcome.Duration, outcome.Succeeded);
    }

    /// <summary>Gives back a claim without an attempt (the sender stopped before it had an answer).</summary>
    internal void Release() => ClaimedUntil = null;

    /// <summary>"Retry now": back in the queue, due at once, with a fresh set of attempts.</summary>
    internal bool Retry(DateTime now)
    {
        if (Status is WebhookDeliveryStatus.Delivered or WebhookDeliveryStatus.Cancelled)
        {
            return false;
        }

        Status = WebhookDeliveryStatus.Pending;
        FailuresInARow = 0;
        NextAttemptAt = now;
        return true;
    }

    internal void Cancel()
    {
        if (Status == WebhookDeliveryStatus.Pending)
        {
            Status = WebhookDeliveryStatus.Cancelled;
            NextAttemptAt = null;
        }
    }

    /// <summary>A reason fit for the log: control and formatting characters out, one line, at most <see cref="ReasonMaxLength"/> characters.</summary>
    private static string? Reason(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = new StringBuilder(Math.Min(text.Length, ReasonMaxLength + 1));
        foreach (var c in text)
        {
            var blank = char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
            if (!blank)
            {
                line.Append(c);
            }
            else if (line.Length > 0 && line[^1] != ' ')
            {
                line.Append(' ');
            }

            if (line.Length > ReasonMaxLength)
            {
                break;
            }
        }

        var reason = line.ToString().TrimEnd();
        if (reason.Length <= ReasonMaxLength)
        {
            return reason;
        }

        var cut = char.IsHighSurrogate(reason[ReasonMaxLength - 2]) ? ReasonMaxLength - 2 : ReasonMaxLength - 1;
        return reason[..cut].TrimEnd() + "…";
    }
}

/// <summary>What one attempt to post a delivery gave: a status code, or an error before any answer (timeout, refused).</summary>
public sealed record WebhookAttemptOutcome(int? StatusCode, string? Error, TimeSpan Duration)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>One line of the delivery log: an attempt to post a delivery and what came back.</summary>
public sealed class WebhookAttempt
{
    private WebhookAttempt()
    {
    }

    internal WebhookAttempt(Guid deliveryId, int number, DateTime at, int? statusCode, string? error, TimeSpan duration, bool succeeded)
    {
        DeliveryId = deliveryId;
        Number = number;
        At = at;
        StatusCode = statusCode;
        Error = error;
        DurationMs = (int)Math.Min(int.MaxValue, Math.Max(0, duration.TotalMilliseconds));
        Succeeded = succeeded;
    }

    public long Id { get; private set; }

    public Guid DeliveryId { get; private set; }

    /// <summary>1 for the first attempt of the delivery.</summary>
    public int Number { get; private set; }

    public DateTime At { get; private set; }

    public int? StatusCode { get; private set; }

    public string? Error { get; private set; }

    public int DurationMs { get; private set; }

    public bool Succeeded { get; private set; }
}
