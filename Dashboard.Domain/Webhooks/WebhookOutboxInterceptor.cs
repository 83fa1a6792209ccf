using System.Runtime.CompilerServices;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Domain.Webhooks;

/// <summary>
/// Writes the webhook outbox in the same SaveChanges, and so the same transaction, as the card change it reports.
/// Every write path (form, API, import, merge, review approval, verification) records an audit entry with its
/// change, so the entries being added tell which card events happened; each becomes one row per active endpoint
/// subscribed to it. A save that fails writes neither. Rows written around EF (the demo data's bulk SQL writer)
/// emit no events.
/// </summary>
internal sealed class WebhookOutboxInterceptor : SaveChangesInterceptor
{
    private const string CardEntity = "CustomerCard";
    private const string VerifiedPrefix = "Verified:";
    private const string MergedFromField = "MergedFrom";
    private static readonly object Marker = new();

    /// <summary>Audit entries already turned into outbox rows, so a retried SaveChanges on the same context adds none twice.</summary>
    private static readonly ConditionalWeakTable<AuditEntry, object> Queued = [];

    private WebhookOutboxInterceptor()
    {
    }

    public static WebhookOutboxInterceptor Instance { get; } = new();

    /// <summary>The webhook event an audit action stands for, or None for actions receivers are not told about.</summary>
    public static WebhookEvents EventOf(AuditEntry entry) => entry.Action switch
    {
        "card.created" => WebhookEvents.CardCreated,
        "card.stage-changed" => WebhookEvents.CardStageChanged,
        "card.merged" => WebhookEvents.CardMerged,
        "card.updated" or "card.tier-set" or "card.tier-override-cleared" or "card.tier-computed"
            or "review.approved" or "card.merge-undone" => WebhookEvents.CardUpdated,

        // Confirming values changes nothing a receiver keeps; correcting them does.
        "card.verified" when ChangedFields(entry).Any() => WebhookEvents.CardUpdated,
        _ => WebhookEvents.None,
    };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is DashboardDbContext db && NewCardAudits(db) is { Count: > 0 } audits
            && ActiveEndpoints(db).ToList() is { Count: > 0 } endpoints)
        {
            var events = CardEventsOf(audits);
            var cards = TrackedCards(db);
            var untracked = UntrackedCodes(cards, events);
            AddAll(cards, untracked.Count == 0 ? [] : db.Cards.AsNoTracking().Where(c => untracked.Contains(c.Code)).ToList());
            Queue(db, events, endpoints, cards);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is DashboardDbContext db && NewCardAudits(db) is { Count: > 0 } audits
            && await ActiveEndpoints(db).ToListAsync(cancellationToken) is { Count: > 0 } endpoints)
        {
            var events = CardEventsOf(audits);
            var cards = TrackedCards(db);
            var untracked = UntrackedCodes(cards, events);
            AddAll(cards, untracked.Count == 0 ? [] : await db.Cards.AsNoTracking().Where(c => untracked.Contains(c.Code)).ToListAsync(cancellationToken));
            Queue(db, events, endpoints, cards);
        }

        return result;
    }

    private static IQueryable<WebhookEndpoint> ActiveEndpoints(DashboardDbContext db) =>
        db.WebhookEndpoints.AsNoTracking().Where(e => e.IsActive && e.DeletedAt == null);

    /// <summary>The card audit entries this save adds that stand for a webhook event, each seen once per context.</summary>
    private static List<(AuditEntry Audit, WebhookEvents Event)> NewCardAudits(DashboardDbContext db)
    {
        // The entries were added through DbSet.Add, so their state is known without scanning every tracked entity.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var found = new List<(AuditEntry, WebhookEvents)>();
            foreach (var entry in db.ChangeTracker.Entries<AuditEntry>())
            {
                var audit = entry.Entity;
                if (entry.State == EntityState.Added && audit.EntityType == CardEntity && EventOf(audit) is var kind and not WebhookEvents.None
                    && Queued.TryAdd(audit, Marker))
                {
                    found.Add((audit, kind));
                }
            }

            return found;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>One event per card and event type, with the details its payload names.</summary>
    private static List<CardEvent> CardEventsOf(List<(AuditEntry Audit, WebhookEvents Event)> audits)
    {
        var events = new Dictionary<(string Code, WebhookEvents Event), CardEvent>();
        foreach (var (audit, kind) in audits)
        {
            var key = (audit.EntityId, kind);
            if (!events.TryGetValue(key, out var change))
            {
                change = events[key] = new CardEvent(kind, audit.EntityId, audit.At);
            }

            if (kind != WebhookEvents.CardCreated)
            {
                Describe(change, audit);
            }
        }

        return [.. events.Values.OrderBy(e => e.At).ThenBy(e => e.CardCode, StringComparer.Ordinal)];
    }

    private static void Describe(CardEvent change, AuditEntry audit)
    {
        foreach (var field in ChangedFields(audit))
        {
            change.ChangedFields.Add(field);
        }

        foreach (var fieldChange in audit.Changes)
        {
            if (fieldChange.Field == nameof(CustomerCard.Stage) && change.Event == WebhookEvents.CardStageChanged)
            {
                change.StageFrom = fieldChange.Before;
                change.StageTo = fieldChange.After;
            }
            else if (fieldChange.Field == MergedFromField)
            {
                change.MergedCode = fieldChange.After;
            }
        }
    }

    private static IEnumerable<string> ChangedFields(AuditEntry entry) =>
        entry.Changes.Select(c => c.Field).Where(f => !f.StartsWith(VerifiedPrefix, StringComparison.Ordinal) && f != MergedFromField);

    private static List<string> UntrackedCodes(Dictionary<string, CustomerCard> tracked, List<CardEvent> events) =>
        events.SelectMany(e => e.MergedCode is null ? [e.CardCode] : new[] { e.CardCode, e.MergedCode })
            .Where(code => !tracked.ContainsKey(code)).Distinct().ToList();

    /// <summary>The cards this context tracks, by code: those the save changes.</summary>
    private static Dictionary<string, CustomerCard> TrackedCards(DashboardDbContext db)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var cards = new Dictionary<string, CustomerCard>(StringComparer.Ordinal);
            AddAll(cards, db.ChangeTracker.Entries<CustomerCard>().Select(e => e.Entity));
            return cards;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static void AddAll(Dictionary<string, CustomerCard> cards, IEnumerable<CustomerCard> more)
    {
        foreach (var card in more)
        {
            cards.TryAdd(card.Code, card);
        }
    }

    private static void Queue(DashboardDbContext db, List<CardEvent> events, List<WebhookEndpoint> endpoints, Dictionary<string, CustomerCard> cards)
    {
        // Outbox rows are new entities: adding them needs no scan of what else the context tracks.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var change in events)
            {
                var receivers = endpoints.Where(e => e.Receives(change.Event)).ToList();
                if (receivers.Count == 0 || !cards.TryGetValue(change.CardCode, out var card))
                {
                    continue;
                }

                var mergedId = change.MergedCode is { } code && cards.TryGetValue(code, out var merged) ? merged.Id : (Guid?)null;
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
