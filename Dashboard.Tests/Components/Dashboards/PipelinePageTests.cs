using Bunit;
using Microsoft.EntityFrameworkCore;
using Dashboard.Domain.Access;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Components.Dashboards;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Dashboards;

/// <summary>
/// What a sales manager reads on the pipeline dashboard: headline figures, a month cut short marked as such. The page
/// and its filters read in parallel (as in the app, a context per read), which one shared in-memory connection cannot
/// serve, so these tests use an SQLite file.
/// </summary>
public sealed class PipelinePageTests : ComponentTest, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pipeline-page-{Guid.NewGuid():N}.db");

    public PipelinePageTests() : base("demo-salesmanager")
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Dashboard.Domain.Persistence.DashboardDbContext>()
            .UseSqlite($"Data Source={_path};Foreign Keys=True;Pooling=False").Options;
        using (var db = new Dashboard.Domain.Persistence.DashboardDbContext(options))
        {
            Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.Migrate(db.Database);
        }
        Context.Services.AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<Dashboard.Domain.Persistence.DashboardDbContext>>(new FileFactory(options));
    }

    public void Dispose()
    {
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TheMonthThatIsStillRunning_IsMarkedAsCutShort_AndEarlierMonthsAreNot()
    {
        var rep = await Context.Services.ActorAsync("demo-sales");
        await CreateCardAsync(rep, CardDraftBuilder.Individual("看板客户").OwnedBy(rep));

        var cut = RenderInLayout<PipelinePage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(ValueChart(cut).Categories), TimeSpan.FromSeconds(20));
        var months = ValueChart(cut).Categories;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)); // Asia/Shanghai, the tests' display zone
        Assert.Matches($@"^{today:yyyy-MM} \(to {today:MM-dd}\)$", months[^1].Replace("\u00A0", " ", StringComparison.Ordinal));
        Assert.All(months.Take(months.Count - 1).Skip(1), m => Assert.Matches(@"^\d{4}-\d{2}$", m));
    }

    [Fact]
    public async Task ThePurchaseHeadline_ReadsAsALabelAndAFigure_NotOneRunOfText()
    {
        var rep = await Context.Services.ActorAsync("demo-sales");
        await CreateCardAsync(rep, CardDraftBuilder.Individual("看板客户").OwnedBy(rep));

        var cut = RenderInLayout<PipelinePage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=kpi-value-value]")), TimeSpan.FromSeconds(20));
        Assert.Equal("P", cut.Find("[data-testid=kpi-value-label]").TagName);
        Assert.Equal("Purchases in period", cut.Find("[data-testid=kpi-value-label]").TextContent.Trim());
        Assert.Matches(@"^CNY \d", cut.Find("[data-testid=kpi-value-value]").TextContent.Trim());
    }

    private static ChartData ValueChart(IRenderedComponent<PipelinePage> cut) =>
        cut.FindComponents<ApexChart>().Single(c => c.Instance.TestId == "value-chart").Instance.Data;

    private sealed class FileFactory(Microsoft.EntityFrameworkCore.DbContextOptions<Dashboard.Domain.Persistence.DashboardDbContext> options)
        : Microsoft.EntityFrameworkCore.IDbContextFactory<Dashboard.Domain.Persistence.DashboardDbContext>
    {
        public Dashboard.Domain.Persistence.DashboardDbContext CreateDbContext() => new(options);
    }
}

/// <summary>The Owner filters offer the people who own cards, not every member of staff.</summary>
public sealed class CardOwnerListTests : ComponentTest
{
    public CardOwnerListTests() : base("demo-salesmanager") { }

    [Fact]
    public async Task StaffWhoOwnNoCard_AreNotOfferedAsOwners()
    {
        var rep = await Context.Services.ActorAsync("demo-sales");
        var manager = await SignedInActorAsync();
        await Context.Services.ActorAsync("demo-admin");
        await Context.Services.ActorAsync("demo-finance");
        await CreateCardAsync(rep, CardDraftBuilder.Individual("有主客户").OwnedBy(rep));

        var owners = await Context.Services.GetRequiredService<StaffDirectory>().ListCardOwnersAsync(manager);
        var everyone = await Context.Services.GetRequiredService<StaffDirectory>().ListVisibleAsync(manager);

        Assert.Equal([rep.StaffId], owners.Select(o => o.Id));
        Assert.True(everyone.Count >= 3, "the manager sees the admin and finance staff too, who own no card");
    }
}
