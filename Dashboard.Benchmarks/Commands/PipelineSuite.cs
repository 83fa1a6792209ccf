using Dashboard.Domain.Access;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.ReferenceData;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks.Commands;

/// <summary>
/// <see cref="PipelineQueries.GetAsync"/> for the last twelve months: as the sales manager with no card filter,
/// with the largest region, and as a sales rep who sees only own and team cards. Each beside its own SQL run
/// directly, with each command's share, so the slowest part is visible.
/// </summary>
internal sealed class PipelineSuite : IBenchmarkSuite
{
    public async Task RunAsync(BenchmarkSession session, CancellationToken ct)
    {
        await session.Progress.WriteLineAsync("Pipeline dashboard:");
        var pipeline = session.Host.Get<PipelineQueries>();
        var period = ReportingPeriod.LastMonths(session.Today, 12, session.TimeZone);
        var (regionId, regionName, regionCards) = await LargestRegionAsync(session, ct);
        var filter = new DashboardFilter { Period = period };
        var scenarios = new (string Name, Actor Actor, DashboardFilter Filter)[]
        {
            ("manager, 12 months, no card filter", session.Manager, filter),
            ($"manager, 12 months, region {regionName}", session.Manager, filter with { RegionId = regionId }),
            ("sales rep (own + team), 12 months", session.SalesRep, filter),
        };

        var table = new ReportTable($"Pipeline dashboard (PipelineQueries.GetAsync), {period.From:yyyy-MM-dd} to {period.To:yyyy-MM-dd}; ratio = EF median / direct median");
        foreach (var (name, actor, scenarioFilter) in scenarios.Where(s => session.Includes(s.Name)))
        {
            PipelineDashboard? result = null;
            var comparison = await session.CompareAsync(
                name,
                async token =>
                {
                    var outcome = await pipeline.GetAsync(actor, scenarioFilter, ct: token);
                    result = outcome.Value ?? throw new InvalidOperationException($"The dashboard refused: {outcome.Message}");
                },
                ct);
            var note = $"{result!.TotalCards:N0} cards" + (scenarioFilter.RegionId is null ? string.Empty : $" (region has {regionCards:N0})");
            BenchmarkSession.Report(table, name, comparison, note, parts: true);
        }

        table.WriteTo(session.Output);
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
