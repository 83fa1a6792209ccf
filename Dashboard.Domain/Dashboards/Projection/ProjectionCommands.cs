using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Domain.Dashboards.Projection;

/// <summary>
/// <c>rebuild-projections</c> makes the pipeline projection again from the card tables (with progress);
/// <c>check-projections</c> compares it with them and reports any card whose row drifted. Exit codes: 0 done or
/// consistent, 1 drift found, 2 could not run.
/// </summary>
public static class ProjectionCommands
{
    public const string Rebuild = "rebuild-projections";
    public const string Check = "check-projections";

    public static async Task<int> RebuildAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        try
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var started = Stopwatch.GetTimestamp();
            await using var db = await services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            var cards = await CardFactsBuilder.RebuildAllAsync((SqliteConnection)db.Database.GetDbConnection(),
                new Progress<(int Done, int Total)>(p => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Done:N0} of {p.Total:N0} cards"))), ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Rebuilt the pipeline projection of {cards:N0} cards in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s."));
            return 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await output.WriteLineAsync($"The pipeline projection could not be rebuilt: {ex.GetType().Name}: {ex.Message}");
            return 2;
        }
    }

    public static async Task<int> CheckAsync(IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        try
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            var check = await PipelineProjectionMaintenance.CheckAsync(services.GetRequiredService<IDbContextFactory<DashboardDbContext>>(), ct);
            await output.WriteLineAsync(check.Describe());
            return check.IsConsistent ? 0 : 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await output.WriteLineAsync($"The pipeline projection could not be checked: {ex.GetType().Name}: {ex.Message}");
            return 2;
        }
    }
}
