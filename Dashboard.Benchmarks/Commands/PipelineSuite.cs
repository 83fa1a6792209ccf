using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Dashboards.Projection;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.ReferenceData;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks.Commands;

/// <summary>
/// The pipeline dashboard for the last twelve months, as the sales manager with no card filter, with the largest
/// region, and as a sales rep who sees only own and team cards. For each: a computation from the projection in
/// memory (what the first screen pays after a change), a screen served from the shared view, and, as the baseline in
/// the same run, reading the scenario's projection rows with SQL. <c>--with-sql</c> adds the grouped SQL the figures
/// were computed with before the projection (slow: about a minute a run at 1M cards).
/// </summary>
internal sealed class PipelineSuite : IBenchmarkSuite
{
    public async Task RunAsync(BenchmarkSession session, CancellationToken ct)
    {
        await session.Progress.WriteLineAsync("Pipeline dashboard:");
        var pipeline = session.Host.Get<PipelineQueries>();
        var store = session.Host.Get<PipelineStore>();
        var started = Stopwatch.GetTimestamp();
        await store.EnsureLoadedAsync(ct);
        var load = Stopwatch.GetElapsedTime(started);
        var period = ReportingPeriod.LastMonths(session.Today, 12, session.TimeZone);
        var (regionId, regionName, regionCards) = await LargestRegionAsync(session, ct);
        var filter = new DashboardFilter { Period = period };
        var scenarios = new (string Name, Actor Actor, DashboardFilter Filter, string Where)[]
        {
            ("manager, 12 months, no card filter", session.Manager, filter, "1 = 1"),
            ($"manager, 12 months, region {regionName}", session.Manager, filter with { RegionId = regionId }, $"\"RegionId\" = {regionId.ToString(CultureInfo.InvariantCulture)}"),
            ("sales rep (own + team), 12 months", session.SalesRep, filter,
                $"(\"OwnerId\" = '{CardFactsBuilder.Text(session.SalesRep.StaffId)}'" + (session.SalesRep.TeamId is { } team ? $" OR \"TeamId\" = '{CardFactsBuilder.Text(team)}')" : ")")),
        };

        var table = new ReportTable($"Pipeline dashboard, {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}; projection of {store.LastLoad.Cards:N0} cards read into memory in {load.TotalSeconds:F2} s; ratio = over reading the scenario's projection rows with SQL");
        foreach (var (name, actor, scenarioFilter, where) in scenarios.Where(s => session.Includes(s.Name)))
        {
            PipelineDashboard? result = null;
            var sqlRead = await session.Settings.TimeAsync(token => ReadRowsAsync(session, where, token), ct);
            var computed = await session.Settings.TimeAsync(async token => result = await pipeline.RecomputeAsync(actor, scenarioFilter, ct: token), ct);
            var shared = await session.Settings.TimeAsync(async token => _ = (await pipeline.GetAsync(actor, scenarioFilter, ct: token)).Value, ct);
            var note = $"{result!.TotalCards:N0} cards" + (scenarioFilter.RegionId is null ? string.Empty : $" (region has {regionCards:N0})");
            table.Add($"{name}: computed", computed, Ratio(computed, sqlRead), note);
            table.Add($"{name}: shared view", shared, Ratio(shared, sqlRead), "a screen served from the view another computed");
            table.Add($"{name}: projection rows by SQL", sqlRead, "1.00x", "baseline: SELECT of the scenario's CardFacts rows");
            if (session.WithSql)
            {
                var oracle = session.Host.Get<PipelineSqlQueries>();
                var sql = await new MeasureSettings(0, 1).TimeAsync(async token => _ = await oracle.GetAsync(actor, scenarioFilter, ct: token), ct);
                table.Add($"{name}: grouped SQL (before)", sql, Ratio(sql, sqlRead), "PipelineSqlQueries, one run");
            }
        }

        table.WriteTo(session.Output);
    }

    private static string Ratio(Timing timing, Timing baseline) => (timing.Median / baseline.Median).ToString("F2", CultureInfo.InvariantCulture) + "x";

    /// <summary>Reads the rows the scenario's cards have in the projection, as a plain SQL consumer would.</summary>
    private static async Task ReadRowsAsync(BenchmarkSession session, string where, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(session.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "CardId", "OwnerId", "TeamId", "RegionId", "IndustryId", "Tier", "CreatedTicks", "Merged", "Facts" FROM "CardFacts" WHERE {where}""";
        await using var reader = await command.ExecuteReaderAsync(ct);
        long bytes = 0;
        while (await reader.ReadAsync(ct))
        {
            bytes += ((byte[])reader.GetValue(8)).Length;
        }

        GC.KeepAlive(bytes);
    }

    private static async Task<(int Id, string Name, int Cards)> LargestRegionAsync(BenchmarkSession session, CancellationToken ct)
    {
        await using var db = await session.Host.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(ct);
        var largest = await db.Cards.Where(c => c.RegionId != null)
            .GroupBy(c => c.RegionId!.Value)
            .Select(g => new { Id = g.Key, Cards = g.Count() })
            .OrderByDescending(g => g.Cards)
            .FirstAsync(ct);
        var name = await db.ListItems.Where(i => i.Kind == ListKind.Region && i.Id == largest.Id).Select(i => i.Name).SingleAsync(ct);
        return (largest.Id, name, largest.Cards);
    }
}
