namespace Dashboard.Domain.Webhooks;

/// <summary>The card events an endpoint can subscribe to; an endpoint holds any combination.</summary>
[Flags]
public enum WebhookEvents
{
    None = 0,
    CardCreated = 1,
    CardUpdated = 2,
    CardStageChanged = 4,
    CardMerged = 8,
    All = CardCreated | CardUpdated | CardStageChanged | CardMerged,
}

/// <summary>The event names receivers see in the payload's <c>type</c> and the <c>X-Dashboard-Event</c> header.</summary>
public static class WebhookEventNames
{
    public const string CardCreated = "card.created";
    public const string CardUpdated = "card.updated";
    public const string CardStageChanged = "card.stage_changed";
    public const string CardMerged = "card.merged";

    /// <summary>Sent only by "send test event"; never subscribed to.</summary>
    public const string Test = "webhook.test";

    /// <summary>Every single event an endpoint can subscribe to, in the order the UI lists them.</summary>
    public static IReadOnlyList<WebhookEvents> Subscribable { get; } =
        [WebhookEvents.CardCreated, WebhookEvents.CardUpdated, WebhookEvents.CardStageChanged, WebhookEvents.CardMerged];

    public static string NameOf(WebhookEvents oneEvent) => oneEvent switch
    {
        WebhookEvents.CardCreated => CardCreated,
        WebhookEvents.CardUpdated => CardUpdated,
        WebhookEvents.CardStageChanged => CardStageChanged,
        WebhookEvents.CardMerged => CardMerged,
        _ => throw new ArgumentOutOfRangeException(nameof(oneEvent), oneEvent, "Not a single webhook event."),
    };

    /// <summary>The event names of a subscription, e.g. <c>card.created, card.merged</c>.</summary>
    public static IReadOnlyList<string> NamesOf(WebhookEvents events) =>
        Subscribable.Where(e => events.HasFlag(e)).Select(NameOf).ToList();
}
