using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Persistence;

namespace Dashboard.Benchmarks.Dedupe;

/// <summary>
/// Measured duplicate matching: loads a labelled CSV into a fresh temporary database through the product's import,
/// runs the batch scan, and prints exactly seven lines on standard output — records, candidates, precision, recall,
/// f1, seconds, peak_mb — with everything else on standard error.
/// </summary>
internal sealed class DedupeCommand : BenchmarkCommand
{
    public override string Name => "dedupe";

    public override string Options => "--input FILE.csv [--entity-column COL] [--delimiter ';'] [--region AU]";

    public override string Summary =>
        "Loads FILE (a header row; columns recognised by name) through the product's import into a temporary database, runs the duplicate scan and prints precision, recall and F1 against the truth (rows sharing COL are one entity; without it, Febrl rec ids). --region: the country of rows without a Country column, whose phones are read as its numbers.";

    public override async Task<int> RunAsync(CommandArguments arguments, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        var input = Path.GetFullPath(arguments.RequiredText("input"));
        var entityColumn = arguments.Text("entity-column");
        var delimiter = arguments.Text("delimiter") ?? ",";
        var region = arguments.Text("region")?.Trim().ToUpperInvariant();
        arguments.EnsureAllUsed();
        if (!File.Exists(input))
        {
            throw new UsageException($"{input} does not exist.");
        }

        var database = Path.Combine(Path.GetTempPath(), $"dedupe-{Guid.NewGuid():N}.db");
        var started = Stopwatch.GetTimestamp();
        AccuracyFigures figures;
        try
        {
            await using var host = BenchmarkHost.Create(database, progress);
            await host.Get<DatabaseInitializer>().InitializeAsync(ct);
            using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            try
            {
                figures = await host.Get<DuplicateAccuracy>().MeasureAsync(reader, delimiter, entityColumn, progress, region, ct);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
        }
        finally
        {
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await progress.WriteLineAsync($"{figures.Imported} cards imported, {figures.TruePairs} true pairs, {figures.TrueCandidates} of {figures.Candidates} candidates true.");
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0;
        string Line(string name, string value) => $"{name} {value}";
        await output.WriteLineAsync(Line("records", figures.Records.ToString(CultureInfo.InvariantCulture)));
        await output.WriteLineAsync(Line("candidates", figures.Candidates.ToString(CultureInfo.InvariantCulture)));
        await output.WriteLineAsync(Line("precision", figures.Precision.ToString("F4", CultureInfo.InvariantCulture)));
        await output.WriteLineAsync(Line("recall", figures.Recall.ToString("F4", CultureInfo.InvariantCulture)));
        await output.WriteLineAsync(Line("f1", figures.F1.ToString("F4", CultureInfo.InvariantCulture)));
        await output.WriteLineAsync(Line("seconds", seconds.ToString("F1", CultureInfo.InvariantCulture)));
        await output.WriteLineAsync(Line("peak_mb", peakMb.ToString("F0", CultureInfo.InvariantCulture)));
        return 0;
    }
}
