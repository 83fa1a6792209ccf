using Dashboard.Domain.Changes;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Webhooks;

/// <summary>
/// Turns the card events of one save into webhook outbox rows, one per active endpoint subscribed to the event, in
/// the same save and so the same transaction as the change (written by <see cref="CardEventDispatcher"/>). Per card
/// and save: a creation is <c>card.created</c>; a merge is one <c>card.merged</c> on the survivor (its other changes
/// folded in); a stage move is <c>card.stage_changed</c>; any other change of what a receiver keeps (details, tier,
/// a merge undone) is one <c>card.updated</c> naming the fields. Purchases, interactions, remarks and confirmations
/// are not announced.
/// </summary>
internal static class WebhookOutbox
{
    public static Task QueueAsync(DashboardDbContext db, IReadOnlyList<Changes.CardEvent> events, CancellationToken ct) =>
        QueueAsync(db, events, null, ct);

    /// <summary>
    /// Queues the events of cards written around EF Core (the import's new cards), given in <paramref name="cards"/>;
    /// the rows are added to <paramref name="db"/> for the caller to save in its transaction.
    /// </summary>
    public static async Task QueueAsync(DashboardDbContext db, IReadOnlyList<Changes.CardEvent> events, IReadOnlyDictionary<Guid, CustomerCard>? cards, CancellationToken ct)
    {
        var changes = Describe(events);
        if (changes.Count == 0)
        {
            return;
        }

        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.IsActive && e.DeletedAt == null).ToListAsync(ct);
        if (endpoints.Count > 0)
        {
            Queue(db, changes, endpoints, cards);
        }
    }

    public static void Queue(DashboardDbContext db, IReadOnlyList<Changes.CardEvent> events)
    {
        var changes = Describe(events);
        if (changes.Count == 0)
        {
            return;
        }

        var endpoints = db.WebhookEndpoints.AsNoTracking().Where(e => e.IsActive && e.DeletedAt == null).ToList();
        if (endpoints.Count > 0)
        {
            Queue(db, changes, endpoints, null);
        }
    }

    private static List<(CardEvent Change, Guid CardId, Guid? MergedId)> Describe(IReadOnlyList<Changes.CardEvent> events)
    {
        var result = new List<(CardEvent, Guid, Guid?)>();
        foreach (var card in events.GroupBy(e => e.CardId))
        {
            var first = card.First();
            if (card.OfType<CardMerged>().FirstOrDefault() is { } merge)
            {
                if (merge.IsSurvivor)
                {
                    result.Add((new CardEvent(WebhookEvents.CardMerged, first.CardCode, merge.At) { MergedCode = merge.MergedCode }, card.Key, merge.MergedId));
                }

                continue;
            }

            if (card.OfType<CardCreated>().FirstOrDefault() is { } created)
            {
                result.Add((new CardEvent(WebhookEvents.CardCreated, first.CardCode, created.At), card.Key, null));
                continue;
            }

            if (card.OfType<CardStageChanged>().LastOrDefault() is { } moved)
            {
                var stage = new CardEvent(WebhookEvents.CardStageChanged, first.CardCode, moved.At)
                {
                    StageFrom = card.OfType<CardStageChanged>().First().From.ToString(),
                    StageTo = moved.To.ToString(),
                };
                stage.ChangedFields.Add(nameof(CustomerCard.Stage));
                result.Add((stage, card.Key, null));
            }

            var updated = new CardEvent(WebhookEvents.CardUpdated, first.CardCode, card.Max(e => e.At));
            foreach (var change in card)
            {
                switch (change)
                {
                    case CardDetailsChanged details:
                        updated.ChangedFields.UnionWith(details.Fields);
                        break;
                    case CardTierChanged tier:
                        updated.ChangedFields.Add(nameof(CustomerCard.Tier));
                        if (tier.ByHand)
                        {
                            updated.ChangedFields.UnionWith([nameof(CustomerCard.TierSource), nameof(CustomerCard.TierReason)]);
                        }

                        break;
                    case CardUnmerged:
                        updated.ChangedFields.Add("MergedInto");
                        break;
                }
            }

            if (updated.ChangedFields.Count > 0)
            {
                result.Add((updated, card.Key, null));
            }
        }

        return [.. result.OrderBy(r => r.Item1.At).ThenBy(r => r.Item1.CardCode, StringComparer.Ordinal)];
    }

    private static void Queue(DashboardDbContext db, List<(CardEvent Change, Guid CardId, Guid? MergedId)> changes, List<WebhookEndpoint> endpoints, IReadOnlyDictionary<Guid, CustomerCard>? given)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var cards = given ?? db.ChangeTracker.Entries<CustomerCard>().Select(e => e.Entity).ToDictionary(c => c.Id);
            foreach (var (change, cardId, mergedId) in changes)
            {
                var receivers = endpoints.Where(e => e.Receives(change.Event)).ToList();
                if (receivers.Count == 0 || !cards.TryGetValue(cardId, out var card))
                {
                    continue;
                }

                var eventId = Guid.NewGuid();
                var payload = WebhookPayload.ForCard(eventId, change, card, mergedId);
                foreach (var endpoint in receivers)
                {
                    db.WebhookDeliveries.Add(WebhookDelivery.Queue(eventId, WebhookEventNames.NameOf(change.Event), endpoint.Id, card.Code, payload, change.At));
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}
