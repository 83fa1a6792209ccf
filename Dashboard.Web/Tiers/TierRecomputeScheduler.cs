using Dashboard.Domain;
using Dashboard.Domain.Tiers;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Tiers;

/// <summary>
/// Recomputes every card's tier once a day at <c>Dashboard:TierRecomputeTime</c> ("HH:mm", default 02:00) in the
/// display time zone, so that tiers follow purchases leaving the window and ageing. A run missed while the app was
/// down (or never made, after an upgrade) is made up shortly after start. Failures are logged and never stop the app.
/// </summary>
internal sealed class TierRecomputeScheduler(
    TierService tiers,
    TierQueries queries,
    TimeProvider clock,
    IConfiguration configuration,
    IOptions<DisplayOptions> display,
    ILogger<TierRecomputeScheduler> logger) : BackgroundService
{
    public const string TimeSetting = $"{DashboardOptions.SectionName}:TierRecomputeTime";

    /// <summary>Lets startup work (migrations, demo data) settle before a missed run is made up.</summary>
    internal static readonly TimeSpan CatchUpDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var schedule = Schedule();
            logger.LogInformation("Tiers are recomputed daily at {Time} ({Zone})", schedule.TimeOfDay, schedule.Zone.Id);
            await Task.Delay(CatchUpDelay, clock, stoppingToken);
            if (await IsOverdueAsync(schedule, stoppingToken))
            {
                logger.LogInformation("The last daily tier recompute was missed; running it now");
                await RunAsync(stoppingToken);
            }

            var after = clock.GetUtcNow();
            while (true)
            {
                var due = schedule.Next(after);
                var wait = due - clock.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, stoppingToken);
                await RunAsync(stoppingToken);

                // From the due time on, so that a timer firing a little early cannot bring the same run round again.
                after = due > clock.GetUtcNow() ? due : clock.GetUtcNow();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The daily tier recompute stopped; tiers still follow purchases as they are recorded");
        }
    }

    private TierRecomputeSchedule Schedule()
    {
        var text = configuration[TimeSetting];
        var time = TierRecomputeSchedule.ParseTime(text);
        if (time is null && !string.IsNullOrWhiteSpace(text))
        {
            logger.LogWarning("{Setting} \"{Value}\" is not a time of day (HH:mm); using {Default}", TimeSetting, text, TierRecomputeSchedule.DefaultTime);
        }

        return new TierRecomputeSchedule(time ?? TierRecomputeSchedule.DefaultTime, display.Value.Zone);
    }

    private async Task<bool> IsOverdueAsync(TierRecomputeSchedule schedule, CancellationToken ct)
    {
        try
        {
            var last = (await queries.GetPolicyAsync(ct)).LastRecomputedAt;
            return last is null || new DateTimeOffset(last.Value, TimeSpan.Zero) < schedule.Previous(clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not read when tiers were last recomputed");
            return false;
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await tiers.RecomputeOnScheduleAsync(ct: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "The daily tier recompute failed; it runs again at the next scheduled time");
        }
    }
}
