using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Lifecycle;

namespace Dashboard.Benchmarks.Commands;

/// <summary>Pages of the customer list (<see cref="CustomerCardQueries.ListAsync"/>) with the filters and sorts people use most.</summary>
internal sealed class ListSuite : IBenchmarkSuite
{
    public async Task RunAsync(BenchmarkSession session, CancellationToken ct)
    {
        await session.Progress.WriteLineAsync("Customer list:");
        var queries = session.Host.Get<CustomerCardQueries>();
        var lastYear = ReportingPeriod.LastMonths(session.Today, 12, session.TimeZone);
        var activeByName = new CardListQuery { Stage = LifecycleStage.Active, SortBy = CardSort.Name, Descending = false, Page = 2 };
        var scenarios = new (string Name, Actor Actor, CardListQuery Query)[]
        {
            ("manager, newest updated first, page 1", session.Manager, new CardListQuery()),
            ("manager, Active, by name, page 3", session.Manager, activeByName),
            ("manager, reached Active in 12 months", session.Manager, new CardListQuery { Activity = new CardActivityFilter(CardActivity.ReachedStage, lastYear, LifecycleStage.Active) }),
            ("manager, contacted in 12 months, by name", session.Manager, new CardListQuery { Activity = new CardActivityFilter(CardActivity.Contacted, lastYear), SortBy = CardSort.Name, Descending = false }),
            ("sales rep, newest updated first, page 1", session.SalesRep, new CardListQuery()),
            ("sales rep, Active, by name, page 3", session.SalesRep, activeByName),
        };

        var table = new ReportTable("Customer list (CustomerCardQueries.ListAsync), 25 rows a page; ratio = EF median / direct median");
        foreach (var (name, actor, query) in scenarios.Where(s => session.Includes(s.Name)))
        {
            var total = 0;
            var comparison = await session.CompareAsync(name, async token => total = (await queries.ListAsync(actor, query, token)).TotalCount, ct);
            BenchmarkSession.Report(table, name, comparison, $"{total:N0} cards match", parts: true);
        }

        table.WriteTo(session.Output);
    }
}
