using Bunit;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>The customer list shows the cards the signed-in person may see, straight from the database.</summary>
public sealed class CustomerListPageTests : ComponentTest
{
    [Fact]
    public async Task ListsOwnAndTeamCards_WithCodeAndName()
    {
        var me = await SignedInActorAsync();
        var colleague = await Actors.CreateAsync(Staff, "Zhao Min", Role.Sales, Actors.EastTeam);
        var mine = await CreateCardAsync(me, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678", primary: true));
        var company = await CreateCardAsync(me, CardDraftBuilder.Company("上海星辰贸易有限公司"));
        var teammates = await CreateCardAsync(colleague, CardDraftBuilder.Individual("赵敏"));

        var cut = RenderInLayout<CustomerListPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        var rows = Rows(cut);
        AssertRow(rows, mine, "王小明");
        AssertRow(rows, company, "上海星辰贸易有限公司");
        AssertRow(rows, teammates, "赵敏");
        Assert.Contains(rows, r => r.Contains("+86 138 1234 5678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DoesNotShowAnotherTeamsCard()
    {
        var me = await SignedInActorAsync();
        var westRep = await Actors.CreateAsync(Staff, "Chen Jie", Role.Sales, Actors.WestTeam);
        var mine = await CreateCardAsync(me, CardDraftBuilder.Individual("王小明"));
        var theirs = await CreateCardAsync(westRep, CardDraftBuilder.Individual("陈杰"));

        var cut = RenderInLayout<CustomerListPage>();

        cut.WaitForAssertion(() => AssertRow(Rows(cut), mine, "王小明"));
        Assert.Single(Rows(cut));
        Assert.DoesNotContain(theirs.Code, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("陈杰", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenATeammateSavesACard_TheOpenListShowsItWithoutReload()
    {
        var me = await SignedInActorAsync();
        var colleague = await Actors.CreateAsync(Staff, "Zhao Min", Role.Sales, Actors.EastTeam);
        await CreateCardAsync(me, CardDraftBuilder.Individual("王小明"));
        var cut = RenderInLayout<CustomerListPage>();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        var theirs = await CreateCardAsync(colleague, CardDraftBuilder.Individual("赵敏"));

        cut.WaitForAssertion(() => AssertRow(Rows(cut), theirs, "赵敏"), TimeSpan.FromSeconds(3));
        Assert.Equal(2, Rows(cut).Count);
    }

    [Fact]
    public async Task MoreCardsThanTheCountCap_SaysMoreThan_InTheCountAndThePager()
    {
        Context.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Dashboard.Domain.DashboardOptions>>().Value.ListCountCap = 2;
        var me = await SignedInActorAsync();
        foreach (var name in new[] { "王小明", "赵敏", "陈杰" })
        {
            await CreateCardAsync(me, CardDraftBuilder.Individual(name));
        }

        var cut = RenderInLayout<CustomerListPage>();

        cut.WaitForAssertion(() => Assert.Equal("More than 2 cards: narrow the filters to count them all", cut.Find("[data-testid=result-count]").TextContent.Trim()));
        Assert.Contains(cut.FindAll(".mud-table-pagination-caption"), c => c.TextContent.Contains("1-2 of 2+", StringComparison.Ordinal));
        Assert.Equal(2, Rows(cut).Count);
    }

    [Fact]
    public void WithNoCards_SaysSo()
    {
        var cut = RenderInLayout<CustomerListPage>();

        cut.WaitForAssertion(() => Assert.Contains("No customer cards match these filters.", cut.Markup, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1234 5678", true)]
    [InlineData("wang@exa", true)]
    [InlineData("138 1234 5678", false)]
    [InlineData("王小明", false)]
    public async Task SearchingForPartOfAPhoneOrEmail_SaysThatOnlyWholeValuesAreFound(string search, bool hint)
    {
        var me = await SignedInActorAsync();
        await CreateCardAsync(me, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678", primary: true).WithEmail("wang@example.com"));
        Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("customers?q=" + Uri.EscapeDataString(search));

        var cut = RenderInLayout<CustomerListPage>();

        // One card is "1 card", not "1 cards"; the count shows only once the list has loaded.
        cut.WaitForAssertion(() => Assert.Equal(hint ? "0 cards" : "1 card", cut.Find("[data-testid=result-count]").TextContent.Trim()));
        Assert.Equal(hint, cut.FindAll("[data-testid=search-hint]").Count == 1);
        if (hint)
        {
            Assert.Contains("found only when typed whole", cut.Find("[data-testid=search-hint]").TextContent, StringComparison.Ordinal);
        }
    }

    private static List<string> Rows(IRenderedComponent<CustomerListPage> cut) =>
        cut.FindAll("[data-testid=customer-table] tbody tr").Select(r => r.TextContent).ToList();

    private static void AssertRow(List<string> rows, CardRef card, string name) =>
        Assert.Contains(rows, r => r.Contains(card.Code, StringComparison.Ordinal) && r.Contains(name, StringComparison.Ordinal));
}
