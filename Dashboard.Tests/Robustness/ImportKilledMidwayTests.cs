using System.Diagnostics;
using Dashboard.Domain.Import;
using Dashboard.Tests.Backups;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dashboard.Tests.Robustness;

/// <summary>
/// A long import killed with SIGKILL while it writes leaves a database that opens consistent and without any of the
/// import: its single transaction is rolled back from the write-ahead log when the database is next opened.
/// </summary>
public sealed class ImportKilledMidwayTests(ITestOutputHelper log)
{
    private const int Rows = 40_000;

    [Fact]
    public async Task KillingTheProcessWhileAnImportSaves_LeavesTheDatabaseConsistent_WithoutTheImport()
    {
        var benchmarks = BenchmarksAssembly();
        var folder = Path.Combine(Path.GetTempPath(), $"dashboard-kill-{Guid.NewGuid():N}");
        var database = Path.Combine(folder + "-import", "dashboard.db");
        int cardsBefore;
        try
        {
            await using (var app = await FileDashboard.StartAsync(folder))
            {
                foreach (var name in new[] { "First Customer", "Second Customer", "Third Customer" })
                {
                    Assert.True((await app.Cards.CreateAsync(app.Actors.SalesEast, Support.CardDraftBuilder.Individual(name).Build())).Succeeded);
                }

                await using var db = app.CreateContext();
                cardsBefore = await db.Cards.CountAsync();

                // The import runs on a consistent copy of this database, as a separate process would find it.
                Directory.CreateDirectory(Path.GetDirectoryName(database)!);
                await db.Database.ExecuteSqlAsync($"VACUUM INTO {database}");
            }

            var (killedWhile, output) = await RunAndKillWhileSavingAsync(benchmarks, database);
            log.WriteLine(output);
            Assert.True(killedWhile is not null, $"The import never reported saving:\n{output}");
            Assert.DoesNotContain("Imported ", output, StringComparison.Ordinal);
            Assert.True(File.Exists(database + "-wal") && new FileInfo(database + "-wal").Length > 0, "the killed import had written into the log");

            Assert.Equal("ok", await FileDashboard.IntegrityCheckAsync(database));
            await using var reopened = await FileDashboard.StartAsync(Path.GetDirectoryName(database));
            await using var check = reopened.CreateContext();
            Assert.Equal(cardsBefore, await check.Cards.CountAsync());
            Assert.False(await check.AuditEntries.AnyAsync(e => e.Action == ImportWorkflow.ImportedAction));
            Assert.Equal(cardsBefore, await check.AuditEntries.CountAsync(e => e.Action == "card.created"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var left in new[] { folder, Path.GetDirectoryName(database)! }.Where(Directory.Exists))
            {
                Directory.Delete(left, recursive: true);
            }
        }
    }

    /// <summary>Runs the Benchmarks CLI's import against <paramref name="database"/> and kills it (SIGKILL) once it is a quarter through saving.</summary>
    private static async Task<(string? KilledWhile, string Output)> RunAndKillWhileSavingAsync(string benchmarks, string database)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "exec", benchmarks, "import", "--rows", Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--existing", "0", "--db", database })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var saving = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is { } line)
            {
                lines.Enqueue(line);
                if (line.Contains($"{ImportPhases.Saving} 25%", StringComparison.Ordinal))
                {
                    saving.TrySetResult(line);
                }
            }
        }

        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(saving.Task, exited, Task.Delay(TimeSpan.FromMinutes(4)));
        string? killedWhile = null;
        if (first == saving.Task)
        {
            // Process.Kill is kill(pid, SIGKILL) on Unix: no handler, no finally block, no rollback runs in the child.
            process.Kill();
            killedWhile = saving.Task.Result;
        }
        else if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        return (killedWhile, string.Join('\n', lines));
    }

    /// <summary>The Benchmarks CLI built beside this test assembly (same configuration); the solution build makes it.</summary>
    private static string BenchmarksAssembly()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "Dashboard.Benchmarks", "bin", configuration, framework, "Dashboard.Benchmarks.dll");
        Assert.True(File.Exists(path), $"{path} is missing: build the solution (dotnet build Dashboard.sln) before running this test.");
        return path;
    }
}
