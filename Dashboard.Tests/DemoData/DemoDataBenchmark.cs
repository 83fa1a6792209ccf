using System.Diagnostics;
using Dashboard.Domain.DemoData;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dashboard.Tests.DemoData;

/// <summary>
/// Times a large run into a WAL database file. Does nothing unless <c>DASHBOARD_DEMO_BENCHMARK</c> holds a
/// card count, so CI never pays for it and nothing asserts a time:
/// <c>DASHBOARD_DEMO_BENCHMARK=100000 dotnet test Dashboard.Tests -c Release --filter "FullyQualifiedName~DemoDataBenchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class DemoDataBenchmark(ITestOutputHelper output)
{
    public const string Variable = "DASHBOARD_DEMO_BENCHMARK";

    [Fact]
    public async Task Measure_generation_into_a_database_file()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(Variable), out var count) || count <= 0)
        {
            output.WriteLine($"Set {Variable} to a card count to run this measurement.");
            return;
        }

        await using var database = await DemoTestDatabase.FileAsync();
        var stopwatch = Stopwatch.StartNew();
        var report = await database.Generator(DateTimeOffset.UtcNow).GenerateAsync(count);
        stopwatch.Stop();

        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(count, await db.Cards.CountAsync());
        var journalMode = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync();
        output.WriteLine($"{count:N0} cards in {stopwatch.Elapsed.TotalSeconds:F1} s (journal_mode={journalMode}, {Environment.ProcessorCount} cores, load {LoadAverage()})");
        output.WriteLine(report.ToString());
        foreach (var table in new[] { "Cards", "ContactPoints", "StageTransitions", "Interactions", "Purchases", "Remarks", "RemarkVersion", "CardTags", "CardInterests", "CustomFieldValues", "Staff", "AuditTrail" })
        {
#pragma warning disable EF1002 // Table names are constants of this test.
            var rows = await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS Value FROM \"{table}\"").SingleAsync();
#pragma warning restore EF1002
            output.WriteLine($"{table}: {rows:N0}");
        }

        output.WriteLine($"Database file: {new FileInfo(database.FilePath!).Length / 1_048_576.0:F0} MB");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
