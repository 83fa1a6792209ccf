using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Quality;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Changes;

/// <summary>The end of every write to one card: score it, save the unit of work, announce the change.</summary>
internal static class CardSave
{
    /// <summary>
    /// Scores <paramref name="card"/> (every change can move its quality score, which is saved with the change,
    /// PRODUCT.md C3), saves, and publishes <paramref name="kind"/> after the commit. Null when saved; the conflict
    /// answer with <paramref name="conflictMessage"/> when someone else saved the card first, and nothing is saved.
    /// </summary>
    public static async Task<CommandResult?> CommitAsync(
        DashboardDbContext db, CardChangeNotifier notifier, Actor actor, CustomerCard card, CardChangeKind kind, DateTime now, string conflictMessage, CancellationToken ct)
    {
        await QualityScoring.ScoreAsync(db, card, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CommandResult.Conflict(conflictMessage);
        }

        notifier.Publish(CardChange.Of(card, kind, actor));
        return null;
    }
}
