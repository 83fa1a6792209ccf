using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dashboard.Domain.Access;
using Dashboard.Domain.Import;
using Dashboard.Domain.Persistence;

namespace Dashboard.Benchmarks.Commands;

/// <summary>
/// Times the import of a generated customer list through <see cref="ImportWorkflow"/>, as the wizard and the API run
/// it: reading, validation of every row, the duplicate check against the existing cards and the earlier rows, and the
/// commit in one transaction. Existing cards are put in first by an untimed import of their own.
/// </summary>
internal sealed class ImportCommand : BenchmarkCommand
{
    public override string Name => "import";

    public override string Options => "[--rows N] [--existing N] [--mode skip|update|create|flag] [--db FILE] [--csv FILE] [--xlsx] [--xlsx-inline] [--file FILE] [--dry-run]";

    public override string Summary =>
        "Generates a customer CSV of N rows (default 100,000; mixed Chinese/English names, phones in many formats, ~3% invalid rows, ~5% repeats within the file, ~2% returning customers), "
        + "imports --existing cards (default 2,000) into a fresh database (or FILE), then times the import of the CSV with validation and duplicate check and prints seconds, rows/s and peak memory. "
        + "--csv keeps the generated file; --xlsx imports it as an Excel workbook instead (--xlsx-inline: with the texts in the cells, a larger file); --file imports that file instead of a generated one. "
        + "Also prints peak_above_start_mb: the process's working set sampled every 10 ms during the import, less the working set at its start.";

    public override async Task<int> RunAsync(CommandArguments arguments, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        var rows = arguments.Integer("rows", 100_000, 1, 1_000_000);
        var existing = arguments.Integer("existing", 2_000, 0, 1_000_000);
        var mode = arguments.Text("mode")?.ToLowerInvariant() switch
        {
            null or "skip" => DuplicateMode.Skip,
            "update" => DuplicateMode.Update,
            "create" => DuplicateMode.Create,
            "flag" => DuplicateMode.FlagForReview,
            var other => throw new UsageException($"--mode {other}: use skip, update, create or flag."),
        };
        var given = arguments.Text("db");
        var keepCsv = arguments.Text("csv");
        var dryRun = arguments.Flag("dry-run");
        var inlineWorkbook = arguments.Flag("xlsx-inline");
        var asWorkbook = arguments.Flag("xlsx") || inlineWorkbook;
        var givenFile = arguments.Text("file");
        arguments.EnsureAllUsed();

        var database = given is null ? Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.db") : Path.GetFullPath(given);
        var csvPath = keepCsv is null ? Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.csv") : Path.GetFullPath(keepCsv);
        try
        {
            await using var host = BenchmarkHost.Create(database, progress);
            await host.Get<DatabaseInitializer>().InitializeAsync(ct);
            var staff = await host.Get<StaffDirectory>().EnsureAsync("import-benchmark", "Import benchmark lead", "import-benchmark@example.com", "Import team", ct);
            var actor = new Actor(staff.Id, staff.DisplayName, new HashSet<Role> { Role.TeamLead }, staff.TeamId);
            var workflow = host.Get<ImportWorkflow>();

            var sample = new ImportSampleFile(seed: 20261124);
            if (existing > 0)
            {
                var seedCsv = new StringWriter(CultureInfo.InvariantCulture);
                sample.Write(seedCsv, existing);
                var seeded = await ImportAsync(workflow, actor, Encoding.UTF8.GetBytes(seedCsv.ToString()), "existing.csv", new ImportRequest { DuplicateMode = DuplicateMode.Create }, ct);
                await progress.WriteLineAsync($"Existing cards: {seeded.Created:N0} imported first (not timed).");
            }

            var returning = sample.People.ToList();
            (int Invalid, int Repeats, int Returning) written;
            await using (var file = new StreamWriter(csvPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
            {
                written = sample.Write(file, rows, returning);
            }

            var size = new FileInfo(csvPath).Length;
            await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Generated {csvPath}: {rows:N0} rows, {size / 1_048_576.0:F1} MB; {written.Invalid:N0} made invalid, {written.Repeats:N0} repeat earlier rows, {written.Returning:N0} repeat existing cards."));
            var importPath = csvPath;
            if (givenFile is not null)
            {
                importPath = Path.GetFullPath(givenFile);
            }
            else if (asWorkbook)
            {
                importPath = Path.ChangeExtension(csvPath, ".xlsx");
                SampleWorkbook.Write(csvPath, importPath, inlineWorkbook);
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote the rows as {importPath}: {new FileInfo(importPath).Length / 1_048_576.0:F1} MB."));
            }

            var last = string.Empty;
            var gate = new Lock();
            var clock = Stopwatch.StartNew();
            var phases = new List<(string Phase, TimeSpan Wall, TimeSpan Cpu)>();
            var reporter = new ConsoleProgress(p =>
            {
                // Every quarter of each phase; validation reports from several threads.
                var line = $"{p.Phase} {Math.Floor(p.Percent / 25) * 25:F0}%";
                lock (gate)
                {
                    if (phases.Count == 0 || phases[^1].Phase != p.Phase)
                    {
                        phases.Add((p.Phase, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime));
                    }

                    if (line != last)
                    {
                        last = line;
                        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,6:F1} s  {line}"));
                    }
                }
            });
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var startMb = Process.GetCurrentProcess().WorkingSet64 / 1_048_576.0;
            using var sampling = new CancellationTokenSource();
            var peakSampled = startMb;
            var sampler = Task.Run(async () =>
            {
                using var process = Process.GetCurrentProcess();
                while (!sampling.IsCancellationRequested)
                {
                    process.Refresh();
                    peakSampled = Math.Max(peakSampled, process.WorkingSet64 / 1_048_576.0);
                    await Task.Delay(10, CancellationToken.None);
                }
            }, CancellationToken.None);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            ImportReport report;
            await using (var stream = File.OpenRead(importPath))
            {
                var result = await workflow.ImportFileAsync(actor, stream, Path.GetFileName(importPath), new ImportRequest { DuplicateMode = mode, DryRun = dryRun, PreviewRows = 0 }, reporter, ct);
                await sampling.CancelAsync();
                await sampler;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"peak_above_start_mb {peakSampled - startMb:F0} (start {startMb:F0} MB, peak {peakSampled:F0} MB, {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)"));
                if (!result.Succeeded)
                {
                    await output.WriteLineAsync($"Import refused: {result.Message} {string.Join(" ", result.Errors.Select(e => $"{e.Code}: {e.Message}"))}");
                    return 1;
                }

                report = result.Value!;
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            phases.Add(("(end)", clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime));
            for (var i = 0; i + 1 < phases.Count; i++)
            {
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  {phases[i].Phase,-26} {(phases[i + 1].Wall - phases[i].Wall).TotalSeconds,6:F1} s wall {(phases[i + 1].Cpu - phases[i].Cpu).TotalSeconds,6:F1} s CPU"));
            }

            var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Imported {report.RowsRead:N0} rows ({mode}{(dryRun ? ", dry run" : string.Empty)}) in {seconds:F1} s ({report.RowsRead / seconds:N0} rows/s); peak {peakMb:F0} MB."));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  valid {report.Valid:N0}, invalid {report.Invalid:N0}, created {report.Created:N0} (flagged {report.Flagged:N0}), updated {report.Updated:N0}, unchanged {report.Unchanged:N0}, skipped {report.Skipped:N0}; {report.Errors.Count:N0} cell errors."));
            await output.WriteLineAsync($"seconds {seconds.ToString("F1", CultureInfo.InvariantCulture)}");
            await output.WriteLineAsync($"rows_per_second {(report.RowsRead / seconds).ToString("F0", CultureInfo.InvariantCulture)}");
            await output.WriteLineAsync($"peak_mb {peakMb.ToString("F0", CultureInfo.InvariantCulture)}");

            // On a shared machine the wall time depends on what else runs; the CPU time much less so.
            await output.WriteLineAsync($"cpu_seconds {cpuSeconds.ToString("F1", CultureInfo.InvariantCulture)}");
            if (File.Exists("/proc/loadavg"))
            {
                await output.WriteLineAsync($"load_average {(await File.ReadAllTextAsync("/proc/loadavg", ct)).Split(' ')[0]}");
            }
            return 0;
        }
        finally
        {
            if (keepCsv is null)
            {
                File.Delete(csvPath);
                File.Delete(Path.ChangeExtension(csvPath, ".xlsx"));
            }

            if (given is null)
            {
                foreach (var file in new[] { database, database + "-wal", database + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }
    }

    private static async Task<ImportReport> ImportAsync(ImportWorkflow workflow, Actor actor, byte[] content, string name, ImportRequest request, CancellationToken ct)
    {
        using var stream = new MemoryStream(content);
        var result = await workflow.ImportFileAsync(actor, stream, name, request, null, ct);
        return result.Succeeded ? result.Value! : throw new InvalidOperationException($"Import of {name} refused: {result.Message}");
    }

    /// <summary>Reports on the worker thread at once, not through a synchronisation context.</summary>
    private sealed class ConsoleProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
