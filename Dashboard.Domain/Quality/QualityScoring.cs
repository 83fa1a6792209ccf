using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Quality;

/// <summary>
/// Scores cards inside the unit of work that writes them, so a saved card never carries a score of its previous state.
/// The write path calls <see cref="ScoreAsync"/> just before SaveChanges; the daily run scores batches with <see cref="ScoreLoadedAsync"/>.
/// </summary>
internal static class QualityScoring
{
    /// <summary>
    /// Scores tracked (or newly added) cards as they are about to be saved. Loads their contact points and custom values
    /// when the command did not, and reads the last purchase and interaction, counting ones added but not yet saved.
    /// </summary>
    public static async Task ScoreAsync(DashboardDbContext db, IReadOnlyCollection<CustomerCard> cards, DateTime now, CancellationToken ct)
    {
        if (cards.Count == 0)
        {
            return;
        }

        var rules = (await db.QualityPolicies.AsNoTracking().SingleAsync(ct)).Rules;
        var context = await QualityContext.LoadAsync(db, ct);
        var today = DateOnly.FromDateTime(now);
        foreach (var card in cards)
        {
            var entry = db.Entry(card);
            DateOnly? lastPurchase = null;
            DateOnly? lastInteraction = null;
            var duplicate = false;
            if (entry.State != EntityState.Added)
            {
                if (!entry.Collection(c => c.ContactPoints).IsLoaded)
                {
                    await entry.Collection(c => c.ContactPoints).LoadAsync(ct);
                }

                if (!entry.Collection(c => c.CustomFieldValues).IsLoaded)
                {
                    await entry.Collection(c => c.CustomFieldValues).LoadAsync(ct);
                }

                var id = card.Id;
                lastPurchase = await db.Purchases.Where(p => p.CardId == id).MaxAsync(p => (DateOnly?)p.PurchasedOn, ct);
                lastInteraction = CardQualityFactsReader.DayOf(await db.Interactions.Where(i => i.CardId == id).MaxAsync(i => (DateTime?)i.OccurredAt, ct));
                duplicate = await OpenSuspicions(db).AnyAsync(cardId => cardId == id, ct);
            }

            lastPurchase = CardQualityFactsReader.Latest(lastPurchase, card.Purchases.Max(p => (DateOnly?)p.PurchasedOn));
            lastInteraction = CardQualityFactsReader.Latest(lastInteraction, CardQualityFactsReader.DayOf(card.Interactions.Max(i => (DateTime?)i.OccurredAt)));
            var facts = CardQualityFactsReader.Of(card, context, lastPurchase, lastInteraction, duplicate);
            card.ApplyQuality(QualityScorer.Score(facts, rules, today), now);
        }
    }

    /// <inheritdoc cref="ScoreAsync(DashboardDbContext, IReadOnlyCollection{CustomerCard}, DateTime, CancellationToken)"/>
    public static Task ScoreAsync(DashboardDbContext db, CustomerCard card, DateTime now, CancellationToken ct) => ScoreAsync(db, [card], now, ct);

    /// <summary>
    /// Scores cards loaded with their contact points and custom values, reading their last activity and duplicate
    /// suspicions in two queries. Returns how many stored scores changed.
    /// </summary>
    public static async Task<int> ScoreLoadedAsync(DashboardDbContext db, IReadOnlyList<CustomerCard> cards, QualityRuleSet rules, QualityContext context, DateTime now, CancellationToken ct)
    {
        var ids = cards.Select(c => c.Id).ToList();
        var activity = await db.Cards.Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                Purchase = c.Purchases.Max(p => (DateOnly?)p.PurchasedOn),
                Interaction = c.Interactions.Max(i => (DateTime?)i.OccurredAt),
            })
            .ToDictionaryAsync(x => x.Id, ct);
        var suspected = (await OpenSuspicions(db).Where(id => ids.Contains(id)).Distinct().ToListAsync(ct)).ToHashSet();
        var today = DateOnly.FromDateTime(now);
        var changed = 0;
        foreach (var card in cards)
        {
            var last = activity[card.Id];
            var facts = CardQualityFactsReader.Of(card, context, last.Purchase, CardQualityFactsReader.DayOf(last.Interaction), suspected.Contains(card.Id));
            if (card.ApplyQuality(QualityScorer.Score(facts, rules, today), now))
            {
                changed++;
            }
        }

        return changed;
    }

    /// <summary>Cards in an open duplicate suspicion (either side of an open pair in the duplicate queue).</summary>
    public static IQueryable<Guid> OpenSuspicions(DashboardDbContext db) => DuplicateQueue.OpenSuspicions(db);
}
