using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Persistence;

namespace Dashboard.Benchmarks.Dedupe;

/// <summary>Times the batch duplicate scan over a generated database, as the web app's background scan runs it.</summary>
internal sealed class DuplicateScanCommand : BenchmarkCommand
{
    public override string Name => "duplicate-scan";

    public override string Options => "--db FILE";

    public override string Summary => "Runs the duplicate scan over FILE (made by the generate command) and prints its time, pairs compared and candidates found.";

    public override async Task<int> RunAsync(CommandArguments arguments, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        var file = Path.GetFullPath(arguments.RequiredText("db"));
        arguments.EnsureAllUsed();
        if (!File.Exists(file))
        {
            throw new UsageException($"{file} does not exist; create it with the generate command.");
        }

        await using var host = BenchmarkHost.Create(file, progress);
        await host.Get<DatabaseInitializer>().InitializeAsync(ct);
        var started = Stopwatch.GetTimestamp();
        var report = await host.Get<DuplicateScanner>().ScanAsync(null, ct);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0;
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Scanned {report.Cards:N0} matched cards in {seconds:F1} s: {report.KeysRefreshed:N0} cards' keys computed, {report.PairsCompared:N0} pairs compared, {report.Candidates:N0} candidates ({report.NewCandidates:N0} new, {report.Withdrawn:N0} withdrawn); peak {peakMb:F0} MB."));
        return 0;
    }
}
