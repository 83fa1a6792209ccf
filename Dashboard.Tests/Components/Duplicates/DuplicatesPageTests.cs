using Bunit;
using Dashboard.Domain.Duplicates;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Dashboard.Web.Components.Duplicates;
using Dashboard.Web.Duplicates;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Duplicates;

/// <summary>
/// A team lead's duplicates page: the scan counts every card, but the page also says how many suspicions are among the
/// cards this person can see, and that number is the number of rows (it used to say 45 above 23 rows).
/// </summary>
public sealed class DuplicatesPageTests : ComponentTest
{
    public DuplicatesPageTests() : base("demo-teamlead") => Context.Services.AddSingleton<DuplicateScanRunner>();

    [Fact]
    public async Task TheCountShown_IsTheNumberOfRowsTheTeamLeadSees_NotTheWholeScans()
    {
        var east = await Context.Services.ActorAsync("demo-sales");
        var west = await Context.Services.WestTeamRepAsync();
        await CreateCardAsync(east, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678", primary: true).OwnedBy(east));
        await CreateCardAsync(east, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678", primary: true).OwnedBy(east));
        await CreateCardAsync(west, CardDraftBuilder.Individual("陈杰").WithPhone("139 8765 4321", primary: true).OwnedBy(west));
        await CreateCardAsync(west, CardDraftBuilder.Individual("陈杰").WithPhone("139 8765 4321", primary: true).OwnedBy(west));
        var report = await Context.Services.GetRequiredService<DuplicateScanner>().ScanAsync();
        Assert.Equal(2, report.Candidates);

        var cut = RenderInLayout<DuplicatesPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=duplicate-table] tbody tr")));
        Assert.Equal("1 open suspicion among the cards you can see", cut.Find("[data-testid=visible-count]").TextContent.Trim());
    }
}
