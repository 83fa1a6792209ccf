using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks.Commands;

/// <summary>
/// The quick search box of the customer list: first page (newest updated first) with its total, for terms
/// that match many cards and terms that match few. Common terms come from the demo vocabulary; rare ones
/// are read from cards of the database, so they exist whatever its size and seed.
/// </summary>
internal sealed class SearchSuite : IBenchmarkSuite
{
    public async Task RunAsync(BenchmarkSession session, CancellationToken ct)
    {
        await session.Progress.WriteLineAsync("Quick search:");
        var queries = session.Host.Get<CustomerCardQueries>();
        var terms = Terms(session);
        var table = new ReportTable("Quick search (CustomerCardQueries.ListAsync with Search), first page of 25; ratio = EF median / direct median");
        var worst = new Dictionary<string, (double P95, string Term)>();
        foreach (var (kind, term, asRep) in terms)
        {
            var actor = asRep ? session.SalesRep : session.Manager;
            var total = 0;
            var scenario = (asRep ? "rep: " : string.Empty) + kind;
            var comparison = await session.CompareAsync($"{scenario}: {term}", async token => total = (await queries.ListAsync(actor, new CardListQuery { Search = term }, token)).TotalCount, ct);
            BenchmarkSession.Report(table, scenario, comparison, $"\"{term}\" → {total:N0} cards", parts: true);
            if (!worst.TryGetValue(kind, out var current) || comparison.Ef.P95 > current.P95)
            {
                worst[kind] = (comparison.Ef.P95, term);
            }
        }

        table.AddText(string.Empty);
        table.AddText("Worst p95 per kind (through EF): " + string.Join(
            "; ",
            worst.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Key} {w.Value.P95:F1} ms (\"{w.Value.Term}\")"))));
        table.WriteTo(session.Output);
    }

    private static List<(string Kind, string Term, bool AsRep)> Terms(BenchmarkSession session)
    {
        using var connection = new SqliteConnection(session.ConnectionString);
        connection.Open();

        // Sample cards a third and two thirds of the way through, so that a term is not from the newest or oldest card.
        var third = Math.Max(1, session.Cards / 3);
        var chineseName = Sample(connection, "SELECT Name FROM Cards WHERE Number >= @n AND Kind = 'Individual' AND unicode(Name) > 11904 AND length(Name) = 3 ORDER BY Number LIMIT 1", third);
        var englishName = Sample(connection, "SELECT Name FROM Cards WHERE Number >= @n AND Kind = 'Individual' AND unicode(Name) < 128 ORDER BY Number LIMIT 1", third);
        var chineseCompany = Sample(connection, "SELECT Company FROM Cards WHERE Number >= @n AND Kind = 'Company' AND unicode(Company) > 11904 AND length(Company) >= 8 ORDER BY Number LIMIT 1", third);
        var englishCompany = Sample(connection, "SELECT Company FROM Cards WHERE Number >= @n AND Kind = 'Company' AND unicode(Company) < 128 ORDER BY Number LIMIT 1", 2 * third);
        // Phones and e-mails are stored encrypted: read through the model, which decrypts them.
        var mobile = SampleContact(session, ContactKind.Phone, third, v => v.Length == 14 && v.StartsWith("+861", StringComparison.Ordinal));
        var email = SampleContact(session, ContactKind.Email, 2 * third, v => !v.EndsWith("@qq.com", StringComparison.Ordinal));

        var terms = new List<(string, string, bool)>
        {
            ("Chinese name, 2 chars", "张伟", false),
            ("Chinese name, 2 chars", chineseName[1..], false),
            ("Chinese name, 3 chars", chineseName, false),
            ("Chinese company, 2 chars", "星辰", false),
            ("Chinese company, 3 chars", BrandAndTrade(chineseCompany)[^3..], false),
            ("Chinese company, 4 chars", "有限公司", false),
            ("Chinese company, whole", chineseCompany, false),
            ("Latin name", "smith", false),
            ("Latin name", englishName, false),
            ("Latin company", "Northwind", false),
            ("Latin company", englishCompany, false),
            ("e-mail, whole", email, false),
            ("e-mail, whole", email.ToUpperInvariant(), false),
            ("phone, whole", mobile[3..], false),
            ("phone, formatted", $"+86 {mobile[3..6]}-{mobile[6..10]}-{mobile[10..]}", false),
            ("card code", Domain.Customers.CardCode.Format(third), false),
            ("no match", "赵敏敏", false),
            ("no match", "xqzv", false),
            ("Chinese name, 2 chars", "张伟", true),
            ("Chinese name, 3 chars", chineseName, true),
            ("phone, formatted", $"+86 {mobile[3..6]}-{mobile[6..10]}-{mobile[10..]}", true),
        };
        return terms;
    }

    /// <summary>"上海星辰贸易有限公司" without its legal form: "上海星辰贸易".</summary>
    private static string BrandAndTrade(string company)
    {
        foreach (var suffix in new[] { "股份有限公司", "集团有限公司", "有限公司" })
        {
            if (company.EndsWith(suffix, StringComparison.Ordinal))
            {
                return company[..^suffix.Length];
            }
        }

        return company;
    }

    /// <summary>The first contact value of <paramref name="kind"/> matching <paramref name="wanted"/> on cards numbered from <paramref name="start"/>.</summary>
    private static string SampleContact(BenchmarkSession session, ContactKind kind, int start, Func<string, bool> wanted)
    {
        using var db = session.Host.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Domain.Persistence.DashboardDbContext>>().CreateDbContext();
        var candidates = Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(
                from c in db.Cards
                where c.Number >= start
                from p in c.ContactPoints
                where p.Kind == kind
                orderby c.Number
                select p.Value)
            .Take(500)
            .ToList();
        return candidates.FirstOrDefault(wanted) ?? throw new InvalidOperationException($"No {kind} contact to search for among cards numbered from {start}.");
    }

    private static string Sample(SqliteConnection connection, string sql, int from)
    {
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL of this class.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("@n", from);
        return command.ExecuteScalar() as string
            ?? throw new InvalidOperationException($"The database has no card to take a search term from: {sql}");
    }
}
