using System.Diagnostics;
using Dashboard.Domain;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Audit;

/// <summary><c>dotnet run --project Dashboard.Web -- verify-audit</c>: prints the result; exit code 0 intact, 1 broken, 2 error.</summary>
public sealed class AuditVerifyCommandTests
{
    [Fact]
    public async Task IntactChain_PrintsIntactAndExitsWithZero_TamperedChain_NamesTheEntryAndExitsWithOne()
    {
        await using var db = await AuditChainDatabase.CreateAsync();
        await db.CreateCardAsync(db.Actors.SalesEast, "王小明");
        await db.CreateCardAsync(db.Actors.SalesEast, "李雷");
        using var intactOutput = new StringWriter();

        var intact = await AuditVerifyCommand.RunAsync(db.Services, intactOutput);
        await db.ExecuteAsAttackerAsync($"""DROP TRIGGER "{AuditChainSchema.NoUpdateTrigger}"; UPDATE AuditTrail SET ActorName = 'Someone else' WHERE Id = 2;""");
        using var brokenOutput = new StringWriter();
        var broken = await AuditVerifyCommand.RunAsync(db.Services, brokenOutput);

        Assert.Equal(0, intact);
        Assert.Matches(@"^Audit chain intact, [0-9]+ entries, last hash [0-9a-f]{64}", intactOutput.ToString());
        Assert.Equal(1, broken);
        Assert.Contains("BROKEN at entry 2 (2026-03-02 09:00:00 UTC): ContentChanged", brokenOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseThatCannotBeOpened_ExitsWithTwo()
    {
        var folder = Directory.CreateTempSubdirectory("audit-command-").FullName;
        try
        {
            // The "database file" is a folder: nothing can be read.
            var connectionString = new SqliteConnectionStringBuilder { DataSource = folder, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
            await using var services = new ServiceCollection()
                .AddLogging()
                .AddSingleton(new Dashboard.Domain.Security.KeyRing(Path.Combine(folder, "keys")))
                .AddDbContextFactory<DashboardDbContext>(o => o.UseSqlite(connectionString))
                .AddDashboardServices()
                .BuildServiceProvider();
            using var output = new StringWriter();

            var code = await AuditVerifyCommand.RunAsync(services, output);

            Assert.Equal(2, code);
            Assert.StartsWith("Audit chain could not be verified:", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheWebAppsCommandLine_VerifiesAndAnswersWithItsExitCode()
    {
        var folder = Directory.CreateTempSubdirectory("audit-command-").FullName;
        try
        {
            var database = Path.Combine(folder, "dashboard.db");
            var (intact, intactOutput) = await WebAppCommand.RunAsync(AuditVerifyCommand.Name, database, Path.Combine(folder, "keys"));
            Assert.True(intact == 0, intactOutput);
            Assert.Contains("Audit chain intact, 0 entries", intactOutput, StringComparison.Ordinal);

            // The first run audited its own verification; an attacker edits that entry.
            await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"""DROP TRIGGER "{AuditChainSchema.NoUpdateTrigger}"; UPDATE AuditTrail SET Summary = 'nothing to see' WHERE Id = 1;""";
                await command.ExecuteNonQueryAsync();
            }

            var (broken, brokenOutput) = await WebAppCommand.RunAsync(AuditVerifyCommand.Name, database, Path.Combine(folder, "keys"));
            Assert.True(broken == 1, brokenOutput);
            Assert.Contains("BROKEN at entry 1", brokenOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
