using System.Text;
using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Import;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain.Import;

/// <summary>Imports files through <see cref="ImportWorkflow"/> as the web wizard and the API do.</summary>
public abstract class ImportTest : ServiceTest
{
    protected ImportWorkflow Workflow => App.Services.GetRequiredService<ImportWorkflow>();

    protected Actor TeamLead => Actors.TeamLeadEast;

    protected Task<CommandResult<ImportReport>> TryImportAsync(Actor actor, string csv, ImportRequest? request = null, string fileName = "customers.csv") =>
        TryImportAsync(actor, Encoding.UTF8.GetBytes(csv), request, fileName);

    protected async Task<CommandResult<ImportReport>> TryImportAsync(Actor actor, byte[] content, ImportRequest? request = null, string fileName = "customers.csv")
    {
        App.Clock.Tick();
        using var stream = new MemoryStream(content);
        return await Workflow.ImportFileAsync(actor, stream, fileName, request ?? new ImportRequest());
    }

    /// <summary>An import that must be accepted (it may still report invalid rows).</summary>
    protected async Task<ImportReport> ImportAsync(string csv, ImportRequest? request = null, Actor? actor = null)
    {
        var result = await TryImportAsync(actor ?? TeamLead, csv, request);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }

    protected async Task<ImportReport> ImportAsync(byte[] content, string fileName, ImportRequest? request = null, Actor? actor = null)
    {
        var result = await TryImportAsync(actor ?? TeamLead, content, request, fileName);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }

    protected Task<int> CardCountAsync() => App.CountAsync(db => db.Cards);

    /// <summary>The live cards by display name, with their contact points, as stored.</summary>
    protected async Task<List<CustomerCard>> CardsAsync()
    {
        await using var db = App.Database.CreateContext();
        return await db.Cards.AsNoTracking().Include(c => c.ContactPoints).Include(c => c.Owner).OrderBy(c => c.Number).ToListAsync();
    }

    protected static string Describe(ImportReport report) =>
        $"read {report.RowsRead}, valid {report.Valid}, invalid {report.Invalid}, created {report.Created}, updated {report.Updated}, unchanged {report.Unchanged}, skipped {report.Skipped}, flagged {report.Flagged}; "
        + string.Join(" | ", report.Errors.Take(20).Select(e => $"row {e.Row} {e.Column}={e.Value}: {e.Message}"));
}
