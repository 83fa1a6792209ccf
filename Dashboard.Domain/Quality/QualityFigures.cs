using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Quality;

/// <summary>
/// Quality counts over a set of cards: how many, how many scored (and the sum of their scores), per band, how many have a
/// value overdue for verification, and per rule how many cards fail it. Sums of parts are exact.
/// </summary>
public sealed record QualityFigures(int Cards, int Scored, long ScoreSum, int Good, int Fair, int Poor, int Overdue, IReadOnlyDictionary<QualityRule, int> Failing)
{
    public static QualityFigures Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, new Dictionary<QualityRule, int>());

    /// <summary>The mean score of the scored cards, or null when none is scored.</summary>
    public double? AverageScore => Scored == 0 ? null : (double)ScoreSum / Scored;

    /// <summary>Cards holding a value that fails its format rule or a retired list entry.</summary>
    public int InvalidValues => Failing.GetValueOrDefault(QualityRule.InvalidValue);

    public int InBand(QualityBand band) => band switch
    {
        QualityBand.Good => Good,
        QualityBand.Fair => Fair,
        _ => Poor,
    };

    public static QualityFigures Sum(IEnumerable<QualityFigures> parts)
    {
        var list = parts.ToList();
        return new QualityFigures(
            list.Sum(p => p.Cards), list.Sum(p => p.Scored), list.Sum(p => p.ScoreSum),
            list.Sum(p => p.Good), list.Sum(p => p.Fair), list.Sum(p => p.Poor), list.Sum(p => p.Overdue),
            QualityRules.All.ToDictionary(r => r, r => list.Sum(p => p.Failing.GetValueOrDefault(r))));
    }
}

/// <summary>
/// Verification outcomes over a period: values confirmed, corrected and unreachable, and the cards with at least one value
/// confirmed or corrected. <see cref="Rate"/> is the accuracy rate of PRODUCT.md C3.
/// </summary>
public sealed record AccuracyFigures(int Confirmed, int Corrected, int Unreachable, int CardsVerified)
{
    public static AccuracyFigures Empty { get; } = new(0, 0, 0, 0);

    /// <summary>Confirmed ÷ (confirmed + corrected); null when nothing was confirmed or corrected.</summary>
    public double? Rate => Confirmed + Corrected == 0 ? null : (double)Confirmed / (Confirmed + Corrected);

    public static AccuracyFigures Sum(IEnumerable<AccuracyFigures> parts)
    {
        var list = parts.ToList();
        return new AccuracyFigures(list.Sum(p => p.Confirmed), list.Sum(p => p.Corrected), list.Sum(p => p.Unreachable), list.Sum(p => p.CardsVerified));
    }
}

/// <summary>The grouped queries behind the quality page and the daily snapshots: one pass over the cards, one over the period's verifications.</summary>
internal static class QualityAggregates
{
    /// <summary>Figures per owner and team (a card has one of each), counted by the database; overdue as of <paramref name="today"/>.</summary>
    public static async Task<List<(Guid OwnerId, Guid? TeamId, QualityFigures Figures)>> ByOwnerAndTeamAsync(IQueryable<CustomerCard> cards, DateOnly today, CancellationToken ct)
    {
        var rows = await cards
            .GroupBy(c => new { c.OwnerId, c.TeamId })
            .Select(g => new
            {
                g.Key.OwnerId,
                g.Key.TeamId,
                Cards = g.Count(),
                Scored = g.Count(c => c.QualityScore != null),
                ScoreSum = g.Sum(c => (long?)c.QualityScore) ?? 0,
                Good = g.Count(c => c.QualityBand == QualityBand.Good),
                Fair = g.Count(c => c.QualityBand == QualityBand.Fair),
                Poor = g.Count(c => c.QualityBand == QualityBand.Poor),
                Overdue = g.Count(c => c.VerificationDueOn < today),
                MissingRequired = g.Count(c => (c.QualityFailures & QualityRule.MissingRequired) != 0),
                MissingRecommended = g.Count(c => (c.QualityFailures & QualityRule.MissingRecommended) != 0),
                InvalidValue = g.Count(c => (c.QualityFailures & QualityRule.InvalidValue) != 0),
                Stale = g.Count(c => (c.QualityFailures & QualityRule.Stale) != 0),
                SuspectedDuplicate = g.Count(c => (c.QualityFailures & QualityRule.SuspectedDuplicate) != 0),
                ActiveWithoutActivity = g.Count(c => (c.QualityFailures & QualityRule.ActiveWithoutActivity) != 0),
                ChurnedWithRecentPurchase = g.Count(c => (c.QualityFailures & QualityRule.ChurnedWithRecentPurchase) != 0),
            })
            .ToListAsync(ct);
        return rows.Select(r => (r.OwnerId, r.TeamId, new QualityFigures(r.Cards, r.Scored, r.ScoreSum, r.Good, r.Fair, r.Poor, r.Overdue, new Dictionary<QualityRule, int>
        {
            [QualityRule.MissingRequired] = r.MissingRequired,
            [QualityRule.MissingRecommended] = r.MissingRecommended,
            [QualityRule.InvalidValue] = r.InvalidValue,
            [QualityRule.Stale] = r.Stale,
            [QualityRule.SuspectedDuplicate] = r.SuspectedDuplicate,
            [QualityRule.ActiveWithoutActivity] = r.ActiveWithoutActivity,
            [QualityRule.ChurnedWithRecentPurchase] = r.ChurnedWithRecentPurchase,
        }))).ToList();
    }

    /// <summary>Verification outcomes per owner and team of the cards, for verifications made in [start, end) (UTC).</summary>
    public static async Task<Dictionary<(Guid OwnerId, Guid? TeamId), AccuracyFigures>> AccuracyAsync(DashboardDbContext db, IQueryable<CustomerCard> cards, DateTime start, DateTime end, CancellationToken ct)
    {
        var rows = await (
                from v in db.Verifications
                where v.VerifiedAt >= start && v.VerifiedAt < end
                join c in cards on v.CardId equals c.Id
                group new { v.Outcome, v.CardId } by new { c.OwnerId, c.TeamId } into g
                select new
                {
                    g.Key.OwnerId,
                    g.Key.TeamId,
                    Confirmed = g.Count(x => x.Outcome == VerificationOutcome.Confirmed),
                    Corrected = g.Count(x => x.Outcome == VerificationOutcome.Corrected),
                    Unreachable = g.Count(x => x.Outcome == VerificationOutcome.Unreachable),
                    Cards = g.Where(x => x.Outcome != VerificationOutcome.Unreachable).Select(x => x.CardId).Distinct().Count(),
                })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.OwnerId, r.TeamId), r => new AccuracyFigures(r.Confirmed, r.Corrected, r.Unreachable, r.Cards));
    }
}
