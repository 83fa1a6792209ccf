using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Commands;

/// <summary>
/// Fills a new SQLite file with demo cards through the product's own path: migrations and seeded lists
/// (<see cref="DatabaseInitializer"/>), then <see cref="DemoDataGenerator"/>.
/// </summary>
internal sealed class GenerateCommand : BenchmarkCommand
{
    public override string Name => "generate";

    public override string Options => "--cards N --output FILE [--seed S]";

    public override string Summary =>
        $"Creates FILE with N demo cards (1 to {DemoDataGenerator.MaxCards:N0}) with stage history, purchases and interactions; refuses a file that holds cards.";

    public override async Task<int> RunAsync(CommandArguments arguments, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        var cards = arguments.RequiredInteger("cards", 1, DemoDataGenerator.MaxCards);
        var file = Path.GetFullPath(arguments.RequiredText("output"));
        var seed = arguments.Integer("seed", DemoDataGenerator.DefaultSeed, 0, int.MaxValue);
        arguments.EnsureAllUsed();

        var total = Stopwatch.StartNew();
        DemoDataReport report;
        TimeSpan migrate;
        await using (var host = BenchmarkHost.Create(file, progress))
        {
            var started = Stopwatch.GetTimestamp();
            await host.Get<DatabaseInitializer>().InitializeAsync(ct);
            migrate = Stopwatch.GetElapsedTime(started);
            try
            {
                report = await host.Get<DemoDataGenerator>().GenerateAsync(cards, seed, new ProgressPrinter(progress, cards), ct);
            }
            catch (InvalidOperationException e)
            {
                await progress.WriteLineAsync(e.Message);
                return 1;
            }
        }

        var checkpoint = Stopwatch.StartNew();
        var sizes = Checkpoint(file);
        checkpoint.Stop();
        total.Stop();

        static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        static string Mb(long bytes) => (bytes / 1_048_576.0).ToString("N0", CultureInfo.InvariantCulture) + " MB";
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Generated {N(report.Cards)} cards (seed {seed}) into {file} in {total.Elapsed.TotalSeconds:F1} s: migrate {migrate.TotalSeconds:F1} s, generate {report.Elapsed.TotalSeconds:F1} s, WAL checkpoint {checkpoint.Elapsed.TotalSeconds:F1} s."));
        output.WriteLine($"Rows: {N(report.ContactPoints)} contact points, {N(report.StageTransitions)} stage transitions, {N(report.Interactions)} interactions, {N(report.Purchases)} purchases, {N(report.Remarks)} remarks.");
        output.WriteLine($"File size: {Mb(new FileInfo(file).Length)}.");
        if (sizes.Count > 0)
        {
            output.WriteLine("Largest tables and indexes: " + string.Join(", ", sizes.Take(12).Select(s => $"{s.Name} {Mb(s.Bytes)}")) + ".");
        }

        return 0;
    }

    /// <summary>Moves the WAL into the file (so its size is the real one) and lists the space each table and index takes.</summary>
    private static List<(string Name, long Bytes)> Checkpoint(string file)
    {
        var sizes = new List<(string, long)>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
        try
        {
            command.CommandText = "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                sizes.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }
        catch (SqliteException)
        {
            // This SQLite build has no dbstat table; the file size alone is reported.
        }

        return sizes;
    }

    /// <summary>Prints how far the generator is, about every tenth of the run, on the progress writer.</summary>
    private sealed class ProgressPrinter(TextWriter writer, int total) : IProgress<int>
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private int _next = Math.Max(1, total / 10);

        public void Report(int value)
        {
            if (value < _next && value < total)
            {
                return;
            }

            _next = value + Math.Max(1, total / 10);
            var seconds = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value,9:N0} / {total:N0} cards, {seconds,6:F1} s, {value / Math.Max(seconds, 0.001),7:N0} cards/s"));
        }
    }
}
