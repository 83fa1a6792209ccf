using Dashboard.Benchmarks;
using Dashboard.Benchmarks.Commands;

// Plain-text benchmarks and harnesses for the dashboard: one command per harness, usage with exit 2.
IReadOnlyList<BenchmarkCommand> commands =
[
    new GenerateCommand(),
    new RunCommand(),
    new PipelineCommand(),
    new ListCommand(),
    new SearchCommand(),
    new QualityCommand(),
    new Dashboard.Benchmarks.Dedupe.DedupeCommand(),
    new Dashboard.Benchmarks.Dedupe.DuplicateScanCommand(),
    new ImportCommand(),
    new LiveCommand(),
];

return await CommandDispatcher.RunAsync(commands, args, Console.Out, Console.Error);
