using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Benchmarks.Commands;

/// <summary>A group of timings over one generated database.</summary>
internal interface IBenchmarkSuite
{
    Task RunAsync(BenchmarkSession session, CancellationToken ct);
}

/// <summary>A command that opens a generated database and runs one or more benchmark suites over it.</summary>
internal abstract class DatabaseCommand(params IBenchmarkSuite[] suites) : BenchmarkCommand
{
    public override string Options => "--db FILE [--runs 30] [--warmup 3] [--time-zone Asia/Shanghai] [--show-sql] [--only TEXT] [--with-sql]";

    public override async Task<int> RunAsync(CommandArguments arguments, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        var file = Path.GetFullPath(arguments.RequiredText("db"));
        var settings = new MeasureSettings(arguments.Integer("warmup", 3, 0, 1_000), arguments.Integer("runs", 30, 1, 10_000));
        var zoneId = arguments.Text("time-zone") ?? "Asia/Shanghai";
        var showSql = arguments.Flag("show-sql");
        var only = arguments.Text("only");
        var withSql = arguments.Flag("with-sql");
        arguments.EnsureAllUsed();
        if (!File.Exists(file))
        {
            throw new UsageException($"{file} does not exist; create it with the generate command.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            throw new UsageException($"Unknown time zone \"{zoneId}\".");
        }

        var started = Stopwatch.GetTimestamp();
        await using var host = BenchmarkHost.Create(file, progress);
        var session = await BenchmarkSession.OpenAsync(host, settings, zone, showSql, output, progress, ct);
        session.Only = only;
        session.WithSql = withSql;
        await output.WriteLineAsync(session.Environment());
        foreach (var suite in suites)
        {
            await suite.RunAsync(session, ct);
        }

        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Finished in {Stopwatch.GetElapsedTime(started).TotalMinutes:F1} min."));
        return 0;
    }
}

internal sealed class RunCommand() : DatabaseCommand(new PipelineSuite(), new ListSuite(), new SearchSuite())
{
    public override string Name => "run";

    public override string Summary => "Runs every benchmark (pipeline, list, search) over FILE and prints the timings.";
}

internal sealed class PipelineCommand() : DatabaseCommand(new PipelineSuite())
{
    public override string Name => "pipeline";

    public override string Summary => "Times the pipeline dashboard from the projection in memory, a screen served from a shared view, and reading the projection rows with SQL (--with-sql: also the grouped SQL of before).";
}

internal sealed class ListCommand() : DatabaseCommand(new ListSuite())
{
    public override string Name => "list";

    public override string Summary => "Times filtered and sorted pages of the customer list.";
}

internal sealed class QualityCommand() : DatabaseCommand(new QualitySuite())
{
    public override string Name => "quality";

    public override string Summary => "Times the quality page, the customer list's quality filters, and one run that rescores every card.";
}

internal sealed class SearchCommand() : DatabaseCommand(new SearchSuite())
{
    public override string Name => "search";

    public override string Summary => "Times the customer list's quick search for names, companies, phones, e-mails and Chinese substrings.";
}
