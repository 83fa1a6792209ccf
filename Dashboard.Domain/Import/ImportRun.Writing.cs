using System.Globalization;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Quality;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Domain.Import;

/// <summary>The writing half of an import: the plan saved in the caller's transaction.</summary>
internal sealed partial class ImportRun
{
    /// <summary>
    /// Writes the plan in the caller's transaction: updates first (each with its field-level audit entry, checked
    /// against concurrent edits by the card's version), then new cards in batches of <see cref="BatchSize"/>, then
    /// the import's own audit entry.
    /// </summary>
    public async Task<CommandResult> WriteAsync(Guid importId, CancellationToken ct)
    {
        var creates = _rows.Where(r => r.Action is ImportRowAction.Create or ImportRowAction.Flag).ToList();
        var updates = _existing.Values.Where(t => t.Changed).ToList();
        var total = creates.Count + updates.Count;
        var done = 0;
        progress?.Report(new ImportProgress(ImportPhases.Saving, 0, total));
        foreach (var target in updates)
        {
            var card = target.Entity!;
            var before = card.Snapshot();
            // Importers are checkers (team leads, Admins), so the gate clears their contact points; it is asked all the same.
            var (values, _, clearance) = await Review.ReviewGate.HoldContactPointsAsync(db, actor, card, target.Values!, _now, ct);
            card.UpdateDetails(values, clearance, actor.StaffId, _now);
            var changes = AuditEntry.Diff(before, card.Snapshot());
            var rows = string.Join(", ", target.Updates.Select(r => r.Row.Source.Row.ToString(CultureInfo.InvariantCulture)));
            AuditLog.Record(db, actor, _now, "card.updated", "CustomerCard", card.Code,
                $"Updated {string.Join(", ", changes.Select(c => c.Field))} from {fileName} (row {rows})", changes);
            await CardMatchIndex.UpdateAsync(db, card, ct);
        }

        if (updates.Count > 0)
        {
            await QualityScoring.ScoreAsync(db, [.. updates.Select(t => t.Entity!)], _now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return CommandResult.Conflict("A card this import updates was changed by someone else while the import ran. Nothing was imported; run the import again.");
            }

            Changes.AddRange(updates.Select(t => CardChange.Of(t.Entity!, CardChangeKind.Updated, actor)));
            done += updates.Count;
            progress?.Report(new ImportProgress(ImportPhases.Saving, done, total));
        }

        db.ChangeTracker.Clear();
        lookups.AttachTo(db);
        if (creates.Count > 0)
        {
            await CreateAsync(creates, done, total, ct);
        }

        var counts = Counts();
        AuditLog.Record(db, actor, _now, ImportWorkflow.ImportedAction, "Import", importId.ToString(),
            $"Imported {fileName} ({request.DuplicateMode} duplicates): {counts.Read} rows, {counts.Created} created ({counts.Flagged} flagged), {counts.Updated} updated, {counts.Unchanged} unchanged, {counts.Skipped} skipped, {counts.Invalid} invalid",
            [
                new FieldChange("File", null, fileName),
                new FieldChange("Rows", null, counts.Read.ToString(CultureInfo.InvariantCulture)),
                new FieldChange("Created", null, counts.Created.ToString(CultureInfo.InvariantCulture)),
                new FieldChange("Updated", null, counts.Updated.ToString(CultureInfo.InvariantCulture)),
                new FieldChange("Invalid", null, counts.Invalid.ToString(CultureInfo.InvariantCulture)),
            ]);
        await db.SaveChangesAsync(ct);
        return CommandResult.Ok();
    }

    /// <summary>
    /// Builds the new cards through <see cref="CustomerCard.Create"/> on all cores (with their quality score, blocking
    /// keys and <c>card.created</c> audit entry, as <see cref="CustomerCardService.CreateAsync"/> makes them) and
    /// writes them batch by batch with prepared statements in the open transaction: the rows SaveChanges would write,
    /// without change tracking, which would take most of the time of a large import.
    /// </summary>
    private async Task CreateAsync(List<RowPlan> creates, int done, int total, CancellationToken ct)
    {
        var first = (await db.Cards.MaxAsync(c => (long?)c.Number, ct) ?? 0) + 1;
        for (var i = 0; i < creates.Count; i++)
        {
            creates[i].Target!.Code = CardCode.Format(first + i);
        }

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        using var cards = new CardRowWriter(db.Model, connection, transaction);
        using var session = new BulkWriteSession(connection, transaction);
        if (creates.Count >= bulkThreshold)
        {
            session.SuspendSearchTriggers();
            if (creates.Count >= first - 1)
            {
                // The import at least doubles the cards: building the indexes once beats maintaining them row by row.
                session.DropIndexes([.. cards.Tables, TableOf(typeof(CardMatchKey))]);
            }
        }

        await WriteCardsAsync(cards, creates, first, done, total, connection, transaction, ct);
        session.Complete(first, first + creates.Count - 1);
    }

    private async Task WriteCardsAsync(CardRowWriter cards, List<RowPlan> creates, long first, int done, int total, SqliteConnection connection, SqliteTransaction transaction, CancellationToken ct)
    {
        var rules = (await db.QualityPolicies.AsNoTracking().SingleAsync(ct)).Rules;
        var quality = await QualityContext.LoadAsync(db, ct);
        var today = DateOnly.FromDateTime(_now);
        using var keys = new EntityRowInserter(db.Model, typeof(CardMatchKey), connection, transaction);

        // Audit entries are written like the other rows; while an endpoint listens, the new cards' events go to the
        // webhook outbox in the same transaction (CardEventDispatcher does this for changes saved through EF Core).
        using var audit = new EntityRowInserter(db.Model, typeof(AuditEntry), connection, transaction);
        var announce = await db.WebhookEndpoints.AnyAsync(e => e.IsActive && e.DeletedAt == null, ct);
        using var pairs = new EntityRowInserter(db.Model, typeof(DuplicateCandidate), connection, transaction);
        // The next batch is built (and encoded) on the other core while this one is inserted.
        (Built[] Built, CardRowWriter.EncodedBatch Rows) BuildBatch(int start)
        {
            var built = new Built[Math.Min(BatchSize, creates.Count - start)];
            Parallel.For(0, built.Length, new ParallelOptions { CancellationToken = ct }, i => built[i] = Build(creates[start + i], first + start + i, rules, quality, today));
            return (built, cards.Encode([.. built.Select(b => b.Card)]));
        }

        var next = Task.Run(() => BuildBatch(0), ct);
        for (var start = 0; start < creates.Count; start += BatchSize)
        {
            var (built, rows) = await next;
            ct.ThrowIfCancellationRequested();
            if (start + BatchSize < creates.Count)
            {
                var following = start + BatchSize;
                next = Task.Run(() => BuildBatch(following), ct);
            }

            var count = built.Length;
            cards.Write(rows);
            foreach (var item in built)
            {
                foreach (var key in item.Keys)
                {
                    keys.Insert(key);
                }

                if (item.Pair is not null)
                {
                    pairs.Insert(item.Pair);
                }

                Changes.Add(CardChange.Of(item.Card, CardChangeKind.Created, actor));
            }

            foreach (var item in built)
            {
                audit.Insert(item.Audit);
            }

            // The new cards' projection rows went in with them (CardRowWriter); their events are announced as a save's would be.
            var events = built.SelectMany(b => b.Card.TakeEvents()).ToList();
            CardEventDispatcher.Announce(events);
            if (announce)
            {
                await Webhooks.WebhookOutbox.QueueAsync(db, events, built.ToDictionary(b => b.Card.Id, b => b.Card), ct);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }

            done += count;
            progress?.Report(new ImportProgress(ImportPhases.Saving, done, total));
        }
    }

    private string TableOf(Type type) => db.Model.FindEntityType(type)!.GetTableName()!;

    private Built Build(RowPlan plan, long number, QualityRuleSet rules, QualityContext quality, DateOnly today)
    {
        // Importers are team leads and Admins, whose new cards the review queue never holds (ReviewGate.AppliesToAsync).
        var target = plan.Target!;
        var card = CustomerCard.Create(target.NewId, number, target.Values!, plan.Row.Draft.Stage, actor.StaffId, _now);
        // A card made of its own row alone has the row's keys; one that later rows updated has its own.
        var keys = target.Updates.Count == 0 ? plan.Keys : MatchKeys.For(MatchFeatures.From(CardMatchIndex.ProfileOf(card)));
        var matchKeys = keys.Select(k => new CardMatchKey(card.Id, k)).ToList();
        card.MarkMatchKeys(MatchKeys.Version);
        var summary = $"Imported {card.Kind} card {card.Code} {card.DisplayName} from {fileName} (row {plan.Row.Source.Row.ToString(CultureInfo.InvariantCulture)})";
        DuplicateCandidate? pair = null;
        if (target.FlagWith is { } flag)
        {
            pair = new DuplicateCandidate(Guid.NewGuid(), flag.Other.Id, card.Id, flag.Match, _now);
            summary += $"; flagged as possibly the same customer as {flag.Other.Code}";
        }

        var facts = CardQualityFactsReader.Of(card, quality, null, null, pair is not null);
        card.ApplyQuality(QualityScorer.Score(facts, rules, today), _now);
        var entry = new AuditEntry(_now, actor.StaffId, actor.DisplayName, "card.created", "CustomerCard", card.Code, summary, AuditEntry.Diff(new Dictionary<string, string?>(), card.Snapshot()));
        return new Built(card, matchKeys, entry, pair);
    }

    private sealed record Built(CustomerCard Card, List<CardMatchKey> Keys, AuditEntry Audit, DuplicateCandidate? Pair);
}
