using Dashboard.Domain;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.ReferenceData;
using Dashboard.Domain.Tiers;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Persistence;

/// <summary>Filters, sorting and paging of the customer list.</summary>
public sealed class CardListFilterTests : ServiceTest
{
    private int _retail;
    private int _healthcare;
    private int _east;
    private int _south;
    private int _keyAccount;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _retail = await App.ListItemIdAsync(ListKind.Industry, "Retail");
        _healthcare = await App.ListItemIdAsync(ListKind.Industry, "Healthcare");
        _east = await App.ListItemIdAsync(ListKind.Region, "East China");
        _south = await App.ListItemIdAsync(ListKind.Region, "South China");
        _keyAccount = await App.TagIdAsync("Key account");
        var colleague = Actors.SalesEastColleague;

        // C-000001 .. C-000005, created a minute apart.
        var a = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("Chen").InIndustry(_retail).InRegion(_east).WithTags(_keyAccount).FollowUpOn(new DateOnly(2026, 3, 20)));
        var b = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("Anna").InIndustry(_healthcare).InRegion(_south).InStage(LifecycleStage.New).FollowUpOn(new DateOnly(2026, 3, 5)));
        var c = await App.CreateCardAsync(colleague, CardDraftBuilder.Company("Evergreen Ltd").InIndustry(_retail).InRegion(_south).WithTags(_keyAccount).InStage(LifecycleStage.New));
        await App.CreateCardAsync(colleague, CardDraftBuilder.Individual("Dong").InRegion(_east));
        var e = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company("Baihe Co").InIndustry(_healthcare).InStage(LifecycleStage.New));
        await App.CreateCardAsync(Actors.SalesWest, CardDraftBuilder.Individual("West only").InIndustry(_retail).InRegion(_east).WithTags(_keyAccount));

        App.Clock.Tick();
        Assert.True((await App.Cards.ChangeStageAsync(colleague, c.Id, c.Version, LifecycleStage.Active)).Succeeded);
        App.Clock.Tick();
        Assert.True((await App.Cards.SetTierAsync(SalesEast, a.Id, a.Version, CustomerTier.B, "Regular orders")).Succeeded);
        App.Clock.Tick();
        Assert.True((await App.Cards.SetTierAsync(SalesEast, b.Id, b.Version, CustomerTier.VIP, "Strategic")).Succeeded);
        App.Clock.Tick();
        Assert.True((await App.Cards.SetTierAsync(SalesEast, e.Id, e.Version, CustomerTier.A, "Large hospital")).Succeeded);
    }

    [Fact]
    public async Task FilterByStage_ShowsOnlyCardsInThatStage()
    {
        Assert.Equal(["Anna", "Baihe Co"], await FilterAsync(new CardListQuery { Stage = LifecycleStage.New }));
        Assert.Equal(["Evergreen Ltd"], await FilterAsync(new CardListQuery { Stage = LifecycleStage.Active }));
    }

    [Fact]
    public async Task FilterByTier_ShowsOnlyCardsOfThatTier()
    {
        Assert.Equal(["Anna"], await FilterAsync(new CardListQuery { Tier = CustomerTier.VIP }));
    }

    [Fact]
    public async Task FilterByOwner_ShowsOnlyThatOwnersCards()
    {
        Assert.Equal(["Evergreen Ltd", "Dong"], await FilterAsync(new CardListQuery { OwnerId = Actors.SalesEastColleague.StaffId }));
    }

    [Fact]
    public async Task FilterByTag_ShowsOnlyTaggedCards()
    {
        Assert.Equal(["Chen", "Evergreen Ltd"], await FilterAsync(new CardListQuery { TagId = _keyAccount }));
    }

    [Fact]
    public async Task FilterByRegionAndIndustry_Combine()
    {
        Assert.Equal(["Chen", "Dong"], await FilterAsync(new CardListQuery { RegionId = _east }));
        Assert.Equal(["Anna", "Baihe Co"], await FilterAsync(new CardListQuery { IndustryId = _healthcare }));
        Assert.Equal(["Evergreen Ltd"], await FilterAsync(new CardListQuery { RegionId = _south, IndustryId = _retail }));
    }

    [Fact]
    public async Task FilterAndSearch_Combine()
    {
        Assert.Equal(["Baihe Co"], await FilterAsync(new CardListQuery { IndustryId = _healthcare, Search = "bai" }));
    }

    [Fact]
    public async Task ListRow_ShowsRegionIndustryTagsAndOwner()
    {
        var row = (await App.Queries.ListAsync(SalesEast, new CardListQuery { Search = "C-000001" })).Items.Single();

        Assert.Equal(("Chen", "East China", "Retail", "Zhang Wei", CustomerTier.B), (row.DisplayName, row.Region, row.Industry, row.OwnerName, row.Tier));
        Assert.Equal(("Key account", "#1E88E5"), (Assert.Single(row.Tags).Name, row.Tags[0].Colour));
    }

    [Fact]
    public async Task EachRow_ShowsItsOwnTags_AndUntaggedRowsShowNone()
    {
        var rows = (await App.Queries.ListAsync(SalesEast, new CardListQuery { SortBy = CardSort.Code, Descending = false })).Items;

        var tagsByCode = rows.ToDictionary(r => r.Code, r => string.Join(",", r.Tags.Select(t => t.Name)));
        Assert.Equal("Key account", tagsByCode["C-000001"]);
        Assert.Equal(string.Empty, tagsByCode["C-000002"]);
        Assert.Equal("Key account", tagsByCode["C-000003"]);
        Assert.Equal(string.Empty, tagsByCode["C-000005"]);
    }

    [Fact]
    public async Task DefaultOrder_IsMostRecentlyUpdatedFirst()
    {
        Assert.Equal(["Baihe Co", "Anna", "Chen", "Evergreen Ltd", "Dong"], await NamesAsync(new CardListQuery()));
    }

    [Theory]
    [InlineData(CardSort.Name, false, new[] { "Anna", "Baihe Co", "Chen", "Dong", "Evergreen Ltd" })]
    [InlineData(CardSort.Name, true, new[] { "Evergreen Ltd", "Dong", "Chen", "Baihe Co", "Anna" })]
    [InlineData(CardSort.Code, false, new[] { "Chen", "Anna", "Evergreen Ltd", "Dong", "Baihe Co" })]
    [InlineData(CardSort.Stage, false, new[] { "Chen", "Dong", "Anna", "Baihe Co", "Evergreen Ltd" })]
    [InlineData(CardSort.Tier, false, new[] { "Anna", "Baihe Co", "Chen", "Evergreen Ltd", "Dong" })]
    [InlineData(CardSort.Owner, false, new[] { "Chen", "Anna", "Baihe Co", "Evergreen Ltd", "Dong" })]
    [InlineData(CardSort.NextFollowUp, true, new[] { "Chen", "Anna", "Evergreen Ltd", "Dong", "Baihe Co" })]
    public async Task Sorting_OrdersTheListByTheChosenColumn(CardSort sort, bool descending, string[] expected)
    {
        Assert.Equal(expected, await NamesAsync(new CardListQuery { SortBy = sort, Descending = descending }));
    }

    [Fact]
    public async Task Paging_SplitsTheListAndKeepsTheTotal()
    {
        var pages = new List<IReadOnlyList<string>>();
        for (var page = 0; page < 3; page++)
        {
            var result = await App.Queries.ListAsync(SalesEast, new CardListQuery { SortBy = CardSort.Code, Descending = false, Page = page, PageSize = 2 });
            Assert.Equal(5, result.TotalCount);
            pages.Add(result.Items.Select(i => i.Code).ToList());
        }

        Assert.Equal([["C-000001", "C-000002"], ["C-000003", "C-000004"], ["C-000005"]], pages);
    }

    [Fact]
    public async Task ALongerListThanTheCountCap_SaysMoreThan_AndPagesAsFarAsItCounted()
    {
        App.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.ListCountCap = 3;
        try
        {
            var first = await App.Queries.ListAsync(SalesEast, new CardListQuery { SortBy = CardSort.Code, Descending = false, Page = 0, PageSize = 2 });
            var second = await App.Queries.ListAsync(SalesEast, new CardListQuery { SortBy = CardSort.Code, Descending = false, Page = 1, PageSize = 2 });
            var beyond = await App.Queries.ListAsync(SalesEast, new CardListQuery { SortBy = CardSort.Code, Descending = false, Page = 2, PageSize = 2 });
            var narrowed = await App.Queries.ListAsync(SalesEast, new CardListQuery { Stage = LifecycleStage.New });

            Assert.Equal((3, true), (first.TotalCount, first.MoreThanTotal));
            Assert.Equal(["C-000001", "C-000002"], first.Items.Select(i => i.Code));
            Assert.Equal(["C-000003"], second.Items.Select(i => i.Code)); // no further than the count says
            Assert.Empty(beyond.Items);
            Assert.Equal((2, false), (narrowed.TotalCount, narrowed.MoreThanTotal));
        }
        finally
        {
            App.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.ListCountCap = new DashboardOptions().ListCountCap;
        }
    }

    [Fact]
    public async Task AListOfExactlyTheCap_IsCountedExactly()
    {
        App.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.ListCountCap = 5;
        var result = await App.Queries.ListAsync(SalesEast, new CardListQuery());
        App.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.ListCountCap = new DashboardOptions().ListCountCap;

        Assert.Equal((5, false), (result.TotalCount, result.MoreThanTotal));
    }

    [Fact]
    public async Task PageBeyondTheEnd_IsEmptyButKeepsTheTotal()
    {
        var result = await App.Queries.ListAsync(SalesEast, new CardListQuery { Page = 9, PageSize = 2 });

        Assert.Empty(result.Items);
        Assert.Equal(5, result.TotalCount);
    }

    [Fact]
    public async Task FilteredTotal_CountsOnlyMatchingCards()
    {
        var result = await App.Queries.ListAsync(SalesEast, new CardListQuery { Stage = LifecycleStage.New, PageSize = 1 });

        Assert.Single(result.Items);
        Assert.Equal(2, result.TotalCount);
    }

    [Fact]
    public async Task SalesManager_SeesEveryTeamInTheSameFilters()
    {
        var result = await App.Queries.ListAsync(Actors.SalesManager, new CardListQuery { TagId = _keyAccount, SortBy = CardSort.Code, Descending = false });

        Assert.Equal(["Chen", "Evergreen Ltd", "West only"], result.Items.Select(i => i.DisplayName));
    }

    /// <summary>The names on the list in code order, so filter tests do not depend on sorting.</summary>
    private Task<IReadOnlyList<string>> FilterAsync(CardListQuery filter) =>
        NamesAsync(filter with { SortBy = CardSort.Code, Descending = false });

    private async Task<IReadOnlyList<string>> NamesAsync(CardListQuery query)
    {
        var page = await App.Queries.ListAsync(SalesEast, query);
        Assert.Equal(page.Items.Count, page.TotalCount);
        return page.Items.Select(i => i.DisplayName).ToList();
    }
}
