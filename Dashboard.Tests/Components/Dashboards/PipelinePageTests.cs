using Bunit;
using Dashboard.Domain.Access;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Components.Dashboards;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Dashboards;

/// <summary>What a sales manager reads on the pipeline dashboard: headline figures, a month cut short marked as such.</summary>
public sealed class PipelinePageTests() : ComponentTest("demo-salesmanager")
{
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
