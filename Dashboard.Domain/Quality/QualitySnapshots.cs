using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Quality;

/// <summary>
/// Writes the day's quality snapshot (all cards, and each team's) for the trend chart: once per day, never back-filled,
/// so the trend starts on the first day the app ran with this feature.
/// </summary>
public sealed class QualitySnapshots(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock, ILogger<QualitySnapshots> logger)
{
    /// <summary>A snapshot's accuracy rate counts the verifications of this many days up to its day.</summary>
    public const int AccuracyWindowDays = 30;

    public async Task<bool> ExistsAsync(DateOnly day, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.QualitySnapshots.AnyAsync(s => s.Day == day, ct);
    }

    /// <summary>Takes the snapshot of <paramref name="day"/> (a local date in <paramref name="zone"/>) unless one exists; true when written.</summary>
    public async Task<bool> TakeAsync(DateOnly day, TimeZoneInfo zone, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.QualitySnapshots.AnyAsync(s => s.Day == day, ct))
        {
            return false;
        }

        var cards = QualityQueries.Unmerged(db);
        var window = new ReportingPeriod(day.AddDays(1 - AccuracyWindowDays), day, zone);
        var figures = await QualityAggregates.ByOwnerAndTeamAsync(cards, day, ct);
        var accuracy = await QualityAggregates.AccuracyAsync(db, cards, window.StartUtc, window.EndUtc, ct);
        var now = clock.GetUtcNow().UtcDateTime;

        void Add(Guid? teamId, IEnumerable<QualityFigures> parts, IEnumerable<AccuracyFigures> outcomes)
        {
            var verified = AccuracyFigures.Sum(outcomes);
            db.QualitySnapshots.Add(new QualitySnapshot(Guid.NewGuid(), day, teamId, now, QualityFigures.Sum(parts), verified.Confirmed, verified.Corrected));
        }

        Add(null, figures.Select(f => f.Figures), accuracy.Values);
        foreach (var teamId in figures.Select(f => f.TeamId).OfType<Guid>().Distinct())
        {
            Add(teamId, figures.Where(f => f.TeamId == teamId).Select(f => f.Figures), accuracy.Where(a => a.Key.TeamId == teamId).Select(a => a.Value));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Quality snapshot of {Day:yyyy-MM-dd} taken", day);
        return true;
    }
}
