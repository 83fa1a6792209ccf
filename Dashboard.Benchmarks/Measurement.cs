using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Benchmarks;

/// <summary>Times of repeated runs of one scenario, in milliseconds.</summary>
internal sealed class Timing
{
    private readonly double[] _sorted;

    public Timing(IEnumerable<double> milliseconds)
    {
        _sorted = [.. milliseconds.Order()];
        if (_sorted.Length == 0)
        {
            throw new ArgumentException("A timing needs at least one run.", nameof(milliseconds));
        }
    }

    public int Runs => _sorted.Length;

    public double Min => _sorted[0];

    public double Max => _sorted[^1];

    public double Median => _sorted.Length % 2 == 1
        ? _sorted[_sorted.Length / 2]
        : (_sorted[(_sorted.Length / 2) - 1] + _sorted[_sorted.Length / 2]) / 2;

    /// <summary>Nearest-rank 95th percentile: with 30 runs, the 29th fastest.</summary>
    public double P95 => _sorted[Math.Max(0, (int)Math.Ceiling(0.95 * _sorted.Length) - 1)];
}

/// <summary>Warm-up runs (not timed), then measured runs one after another on this thread.</summary>
internal sealed record MeasureSettings(int Warmup, int Runs)
{
    public async Task<Timing> TimeAsync(Func<CancellationToken, Task> action, CancellationToken ct)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await action(ct);
        }

        var times = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            ct.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            await action(ct);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return new Timing(times);
    }

    /// <summary>Times an action that reports its own parts; returns the total and each part across runs.</summary>
    public (Timing Total, Timing[] Parts) TimeParts(Func<CancellationToken, double[]> action, CancellationToken ct)
    {
        for (var i = 0; i < Warmup; i++)
        {
            action(ct);
        }

        var totals = new double[Runs];
        var parts = new List<double[]>(Runs);
        for (var i = 0; i < Runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            parts.Add(action(ct));
            totals[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var partCount = parts[0].Length;
        return (new Timing(totals), [.. Enumerable.Range(0, partCount).Select(p => new Timing(parts.Select(run => run[p])))]);
    }
}

/// <summary>
/// A plain-text table of timings. The free-text note goes last, so that Chinese search terms (two columns wide
/// on a terminal) do not push the numbers out of line.
/// </summary>
internal sealed class ReportTable(string title)
{
    private const int ScenarioWidth = 44;
    private readonly List<string> _lines = [];

    public void Add(string scenario, Timing timing, string? ratio = null, string? note = null) =>
        _lines.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"{Truncate(scenario),-ScenarioWidth} {timing.Runs,4} {timing.Min,9:F1} {timing.Median,9:F1} {timing.P95,9:F1} {timing.Max,9:F1} {ratio,7}  {note}").TrimEnd());

    public void AddText(string line) => _lines.Add(line);

    public void WriteTo(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(title);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"scenario",-ScenarioWidth} {"runs",4} {"min ms",9} {"median",9} {"p95",9} {"max",9} {"ratio",7}  note"));
        output.WriteLine(new string('-', ScenarioWidth + 58));
        foreach (var line in _lines)
        {
            output.WriteLine(line);
        }

        output.Flush();
    }

    private static string Truncate(string text) => text.Length <= ScenarioWidth ? text : text[..(ScenarioWidth - 1)] + "…";
}
