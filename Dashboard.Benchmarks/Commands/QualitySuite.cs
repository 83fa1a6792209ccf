using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Quality;

namespace Dashboard.Benchmarks.Commands;

/// <summary>
/// The quality page (<see cref="QualityQueries.GetDashboardAsync"/>) for the manager and a team lead, the customer list's
/// quality filters, and one run that rescores every card (<see cref="QualityService.RecomputeAllAsync"/>), timed once.
/// </summary>
internal sealed class QualitySuite : IBenchmarkSuite
{
    public async Task RunAsync(BenchmarkSession session, CancellationToken ct)
    {
        await session.Progress.WriteLineAsync("Quality:");
        var quality = session.Host.Get<QualityQueries>();
        var lists = session.Host.Get<CustomerCardQueries>();
        var filter = new QualityPageFilter { Period = new ReportingPeriod(session.Today.AddDays(-89), session.Today, session.TimeZone), Today = session.Today };
        var teamLead = session.SalesRep with { Roles = new HashSet<Role> { Role.TeamLead } };

        var page = new ReportTable("Quality page (QualityQueries.GetDashboardAsync), accuracy over 90 days");
        foreach (var (name, actor) in new[] { ("manager, all cards", session.Manager), ("team lead, own team", teamLead) })
        {
            QualityDashboard? result = null;
            var timing = await session.Settings.TimeAsync(async token => result = (await quality.GetDashboardAsync(actor, filter, token)).Value, ct);
            page.Add(name, timing, note: string.Create(CultureInfo.InvariantCulture, $"{result!.Overall.Cards:N0} cards, {result.Overall.Overdue:N0} overdue, {result.CardsSharingContacts:N0} sharing a contact"));
        }

        var scenarios = new (string Name, CardListQuery Query)[]
        {
            ("manager, band Poor", new CardListQuery { QualityBand = QualityBand.Poor }),
            ("manager, overdue for verification", new CardListQuery { OverdueOn = session.Today }),
            ("manager, failing: invalid value", new CardListQuery { FailingRule = QualityRule.InvalidValue }),
            ("manager, sharing a phone or e-mail", new CardListQuery { SharesContact = true }),
            ("manager, by quality, worst first", new CardListQuery { SortBy = CardSort.Quality, Descending = false }),
        };
        foreach (var (name, query) in scenarios)
        {
            var total = 0;
            var timing = await session.Settings.TimeAsync(async token => total = (await lists.ListAsync(session.Manager, query, token)).TotalCount, ct);
            page.Add(name, timing, note: string.Create(CultureInfo.InvariantCulture, $"{total:N0} cards match"));
        }

        page.WriteTo(session.Output);

        var started = Stopwatch.GetTimestamp();
        var admin = session.Manager with { Roles = new HashSet<Role> { Role.Admin } };
        var report = (await session.Host.Get<QualityService>().RecomputeAllAsync(admin, ct: ct)).Value!;
        await session.Output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Rescoring all cards: {report.Checked:N0} scored, {report.Changed:N0} changed, in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
    }
}
