using Dashboard.Domain;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Quality;
using Dashboard.Web.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Quality;

/// <summary>
/// Keeps quality scores current as time passes and writes the daily snapshot for the trend chart. Once a day at
/// <c>Dashboard:QualityRecomputeTime</c> ("HH:mm", default 02:30, after the tiers) in the display time zone it rescores
/// every card, then takes the day's snapshot. Shortly after start it makes up a missed run and takes today's snapshot,
/// so the chart has its first point on the first day (while there are no cards yet, say demo data is still being
/// written, it looks again later). Every few minutes it scores cards other features left behind: never scored, or
/// with a duplicate suspicion opened or closed. Failures are logged and never stop the app.
/// </summary>
internal sealed class QualityScheduler(
    QualityService quality,
    QualityQueries queries,
    QualitySnapshots snapshots,
    IDbContextFactory<DashboardDbContext> dbFactory,
    TimeProvider clock,
    IConfiguration configuration,
    IOptions<DisplayOptions> display,
    ILogger<QualityScheduler> logger) : BackgroundService
{
    public const string TimeSetting = $"{DashboardOptions.SectionName}:QualityRecomputeTime";

    public static readonly TimeOnly DefaultTime = new(2, 30);

    /// <summary>Lets startup work (migrations, demo data) settle before a missed run is made up.</summary>
    internal static readonly TimeSpan CatchUpDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often to score cards other features left behind (never scored, or a duplicate suspicion opened or closed),
    /// and to look again for cards to take today's first snapshot of.
    /// </summary>
    internal static readonly TimeSpan CatchUpInterval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var schedule = Schedule();
            logger.LogInformation("Quality scores are recomputed daily at {Time} ({Zone})", schedule.TimeOfDay, schedule.Zone.Id);
            await Task.Delay(CatchUpDelay, clock, stoppingToken);
            while (true)
            {
                await CatchUpAsync(schedule, stoppingToken);
                var now = clock.GetUtcNow();
                var next = schedule.Next(now);
                if (now + CatchUpInterval < next)
                {
                    next = now + CatchUpInterval;
                }

                var wait = next - clock.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The daily quality recompute stopped; scores still follow every saved change");
        }
    }

    /// <summary>
    /// Rescores all cards when the last scheduled run was missed (or else the cards other features left behind), then
    /// takes today's snapshot unless there is one or there are no cards yet.
    /// </summary>
    private async Task CatchUpAsync(TierRecomputeSchedule schedule, CancellationToken ct)
    {
        try
        {
            var last = (await queries.GetPolicyAsync(ct)).LastRecomputedAt;
            if (last is null || new DateTimeOffset(last.Value, TimeSpan.Zero) < schedule.Previous(clock.GetUtcNow()))
            {
                await quality.RecomputeOnScheduleAsync(ct: ct);
            }
            else
            {
                await quality.CatchUpAsync(ct);
            }

            var today = DateOnly.FromDateTime(display.Value.ToLocal(clock.GetUtcNow().UtcDateTime));
            if (await snapshots.ExistsAsync(today, ct))
            {
                return;
            }

            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                if (!await db.Cards.AnyAsync(ct))
                {
                    return;
                }
            }

            await snapshots.TakeAsync(today, display.Value.Zone, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "The quality recompute or snapshot failed; it is tried again later");
        }
    }

    private TierRecomputeSchedule Schedule()
    {
        var text = configuration[TimeSetting];
        var time = TierRecomputeSchedule.ParseTime(text);
        if (time is null && !string.IsNullOrWhiteSpace(text))
        {
            logger.LogWarning("{Setting} \"{Value}\" is not a time of day (HH:mm); using {Default}", TimeSetting, text, DefaultTime);
        }

        return new TierRecomputeSchedule(time ?? DefaultTime, display.Value.Zone);
    }
}
