using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Domain.Customers;

namespace Dashboard.Domain.Webhooks;

/// <summary>
/// The JSON body of a delivery. It names the card and its state but carries no contact values or names (privacy):
/// a receiver that needs them fetches the card through the API with its own credentials.
/// </summary>
internal static class WebhookPayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ForCard(Guid eventId, CardEvent change, CustomerCard card, Guid? mergedCardId) =>
        JsonSerializer.Serialize(
            new Body(eventId, WebhookEventNames.NameOf(change.Event), change.At)
            {
                Card = new CardBody(card.Id, card.Code, card.Kind.ToString(), card.Stage.ToString(), card.Tier?.ToString(),
                    card.OwnerId, card.TeamId, card.Version, card.UpdatedAt),
                ChangedFields = change.Event == WebhookEvents.CardUpdated ? [.. change.ChangedFields] : null,
                Stage = change.StageTo is null ? null : new StageBody(change.StageFrom, change.StageTo),
                MergedCard = change.MergedCode is null ? null : new MergedBody(mergedCardId, change.MergedCode),
            },
            Json);

    public static string ForTest(Guid eventId, Guid endpointId, DateTime now) =>
        JsonSerializer.Serialize(new Body(eventId, WebhookEventNames.Test, now) { EndpointId = endpointId }, Json);

    private sealed record Body(Guid Id, string Type, DateTime OccurredAt)
    {
        public CardBody? Card { get; init; }

        public IReadOnlyList<string>? ChangedFields { get; init; }

        public StageBody? Stage { get; init; }

        public MergedBody? MergedCard { get; init; }

        public Guid? EndpointId { get; init; }
    }

    private sealed record CardBody(Guid Id, string Code, string Kind, string Stage, string? Tier, Guid OwnerId, Guid? TeamId, int Version, DateTime UpdatedAt);

    private sealed record StageBody(string? From, string To);

    private sealed record MergedBody(Guid? Id, string Code);
}

/// <summary>One card event found among the audit entries of a save: what happened to which card, and the details the payload names.</summary>
internal sealed record CardEvent(WebhookEvents Event, string CardCode, DateTime At)
{
    public SortedSet<string> ChangedFields { get; } = new(StringComparer.Ordinal);

    public string? StageFrom { get; set; }

    public string? StageTo { get; set; }

    /// <summary>For a merge: the code of the card merged into this one.</summary>
    public string? MergedCode { get; set; }
}
