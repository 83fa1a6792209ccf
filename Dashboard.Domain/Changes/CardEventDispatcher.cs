using System.Data.Common;
using System.Runtime.CompilerServices;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards.Projection;
using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Domain.Changes;

/// <summary>
/// The one dispatcher of card events. Every save through EF Core hands it the events the saved cards raised
/// (<see cref="CustomerCard.Events"/>); it writes what they change of the pipeline projection
/// (<see cref="CardFacts"/>) and the webhook outbox in the same transaction as the change, so a save that fails
/// writes neither. The bulk writers (import, demo data) hand it their events through <see cref="DispatchBulkAsync"/>.
/// Writers cannot go around it: it runs inside SaveChanges of every <see cref="DashboardDbContext"/>.
/// </summary>
public sealed class CardEventDispatcher : SaveChangesInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, Pending> PendingByContext = [];

    private CardEventDispatcher()
    {
    }

    public static CardEventDispatcher Instance { get; } = new();

    /// <summary>Raised with the events of every save that committed them (or, inside a caller's transaction, wrote them).</summary>
    public static event Action<IReadOnlyList<CardEvent>>? Dispatching;

    /// <summary>The events of the last save of <paramref name="db"/>, for the caller to announce after it commits.</summary>
    public static IReadOnlyList<CardEvent> Dispatched(DbContext db) =>
        PendingByContext.TryGetValue(db, out var pending) ? pending.Dispatched : [];

    /// <summary>Writes the projection rows of events written around EF Core, on the writer's connection and transaction.</summary>
    public static Task DispatchBulkAsync(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyList<CardEvent> events, CancellationToken ct = default)
    {
        Dispatching?.Invoke(events);
        return CardFactsBuilder.RefreshAsync(connection, transaction, PartsByCard(events), ct);
    }

    /// <summary>Announces events whose projection rows a bulk writer wrote itself (<see cref="DemoData.CardRowWriter"/>).</summary>
    internal static void Announce(IReadOnlyList<CardEvent> events) => Dispatching?.Invoke(events);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Collect(eventData.Context) is { } pending)
        {
            Webhooks.WebhookOutbox.Queue((DashboardDbContext)eventData.Context!, pending.Events);
            if (pending.NeedsProjection && eventData.Context!.Database.CurrentTransaction is null)
            {
                pending.OwnTransaction = eventData.Context.Database.BeginTransaction();
            }
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Collect(eventData.Context) is { } pending)
        {
            // The outbox rows are added to this save, so they commit with the change or not at all.
            await Webhooks.WebhookOutbox.QueueAsync((DashboardDbContext)eventData.Context!, pending.Events, cancellationToken);
            if (pending.NeedsProjection && eventData.Context!.Database.CurrentTransaction is null)
            {
                pending.OwnTransaction = await eventData.Context.Database.BeginTransactionAsync(cancellationToken);
            }
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db || !PendingByContext.TryGetValue(db, out var pending) || pending.Events.Count == 0)
        {
            return result;
        }

        try
        {
            if (pending.NeedsProjection && db.Database.GetDbConnection() is SqliteConnection connection)
            {
                var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as SqliteTransaction;
                await CardFactsBuilder.RefreshAsync(connection, transaction, PartsByCard(pending.Events), cancellationToken);
            }

            if (pending.OwnTransaction is { } own)
            {
                await own.CommitAsync(cancellationToken);
            }

            pending.Dispatched = pending.Events;
            Dispatching?.Invoke(pending.Events);
        }
        finally
        {
            await EndAsync(pending);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        SaveChangesFailedAsync(eventData).GetAwaiter().GetResult();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && PendingByContext.TryGetValue(db, out var pending))
        {
            // The card's events are given back, so that a save tried again (after a conflict is resolved) dispatches them.
            foreach (var (card, events) in pending.Taken)
            {
                card.ReturnEvents(events);
            }

            if (pending.OwnTransaction is { } own)
            {
                await own.RollbackAsync(cancellationToken);
            }

            await EndAsync(pending);
        }
    }

    private static async Task EndAsync(Pending pending)
    {
        if (pending.OwnTransaction is { } own)
        {
            await own.DisposeAsync();
            pending.OwnTransaction = null;
        }

        pending.Events = [];
        pending.Taken = [];
    }

    private static Pending? Collect(DbContext? context)
    {
        if (context is not DashboardDbContext db)
        {
            return null;
        }

        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var taken = new List<(CustomerCard, IReadOnlyList<CardEvent>)>();
            foreach (var entry in db.ChangeTracker.Entries<CustomerCard>())
            {
                if (entry.Entity.Events.Count > 0)
                {
                    taken.Add((entry.Entity, entry.Entity.TakeEvents()));
                }
            }

            var pending = PendingByContext.GetOrCreateValue(db);
            pending.Taken = taken;
            pending.Events = [.. taken.SelectMany(t => t.Item2)];
            pending.Dispatched = [];
            return pending.Events.Count == 0 ? null : pending;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    internal static Dictionary<Guid, ProjectionParts> PartsByCard(IEnumerable<CardEvent> events)
    {
        var parts = new Dictionary<Guid, ProjectionParts>();
        foreach (var change in events)
        {
            parts[change.CardId] = parts.GetValueOrDefault(change.CardId) | change.Parts;
        }

        return parts;
    }

    private sealed class Pending
    {
        public List<(CustomerCard Card, IReadOnlyList<CardEvent> Events)> Taken { get; set; } = [];

        public IReadOnlyList<CardEvent> Events { get; set; } = [];

        public IReadOnlyList<CardEvent> Dispatched { get; set; } = [];

        public IDbContextTransaction? OwnTransaction { get; set; }

        public bool NeedsProjection => Events.Any(e => e.Parts != ProjectionParts.None);
    }
}
