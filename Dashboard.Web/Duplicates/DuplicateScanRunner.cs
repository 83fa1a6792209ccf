using System.Threading.Channels;
using Dashboard.Domain.Duplicates;

namespace Dashboard.Web.Duplicates;

/// <summary>
/// Runs the domain's batch duplicate scan in the background: daily (a minute after start when the last scan is a day
/// old or there was none, so a restart does not scan a million cards again), and whenever a team lead or Admin asks
/// from the duplicates page. Holds the progress so that every open page can show it.
/// </summary>
public sealed class DuplicateScanRunner(DuplicateScanner scanner, ILogger<DuplicateScanRunner> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRun = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1);
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Raised (on a background thread) when the progress or the outcome changes.</summary>
    public event Action? Changed;

    public bool IsRunning { get; private set; }

    public DuplicateScanProgress? Progress { get; private set; }

    public DuplicateScanReport? LastReport { get; private set; }

    public DateTime? LastFinishedAt { get; private set; }

    public bool LastFailed { get; private set; }

    /// <summary>Queues a scan; false when one is already waiting.</summary>
    public bool RequestScan() => _requests.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = ScheduleAsync(stoppingToken);
        await foreach (var _ in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            IsRunning = true;
            LastFailed = false;
            Notify();
            try
            {
                LastReport = await scanner.ScanAsync(new ProgressSink(this), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LastFailed = true;
                logger.LogError(ex, "The duplicate scan failed");
            }
            finally
            {
                IsRunning = false;
                Progress = null;
                LastFinishedAt = DateTime.UtcNow;
                Notify();
            }
        }
    }

    private async Task ScheduleAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(FirstRunAfter(await scanner.LastScanAtAsync(ct), DateTime.UtcNow), ct);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                RequestScan();
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
            // The app is stopping.
        }
    }

    /// <summary>How long after start the first scheduled scan runs: when the day since the last scan is over, at the earliest a minute after start.</summary>
    internal static TimeSpan FirstRunAfter(DateTime? lastScanAt, DateTime now)
    {
        var due = lastScanAt is { } last ? last + Interval - now : TimeSpan.Zero;
        return due > FirstRun ? due : FirstRun;
    }

    private void Notify()
    {
        try
        {
            Changed?.Invoke();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A duplicate scan subscriber failed");
        }
    }

    private sealed class ProgressSink(DuplicateScanRunner runner) : IProgress<DuplicateScanProgress>
    {
        public void Report(DuplicateScanProgress value)
        {
            runner.Progress = value;
            runner.Notify();
        }
    }
}

/// <summary>Registration of the background duplicate scan.</summary>
public static class DuplicateScanSetup
{
    public static IServiceCollection AddDuplicateScan(this IServiceCollection services) =>
        services.AddSingleton<DuplicateScanRunner>().AddHostedService(provider => provider.GetRequiredService<DuplicateScanRunner>());
}
