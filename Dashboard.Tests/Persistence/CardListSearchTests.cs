using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Persistence;

/// <summary>The quick search box on the customer list.</summary>
public sealed class CardListSearchTests : ServiceTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("+86 138 1234 5678").WithEmail("Wang.XM@Example.com"));
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company("上海星辰贸易有限公司").WithName("李雷").WithPhone("021 6888 1234").WithEmail("li.lei@xingchen.example.cn"));
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("Jane 100% O'Brien_Smith").WithPhone("+1 650 253 0000"));
    }

    [Theory]
    [InlineData("138-1234-5678")]
    [InlineData("13812345678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("0086 138 1234 5678")]
    [InlineData("(138) 1234 5678")]
    public async Task PhoneTypedInAnotherFormat_FindsTheCard(string search)
    {
        Assert.Equal(["王小明"], await SearchAsync(search));
    }

    [Fact]
    public async Task PartOfAPhoneNumber_FindsTheCard()
    {
        Assert.Equal(["王小明"], await SearchAsync("1234 5678"));
    }

    [Theory]
    [InlineData("021-6888-1234")]
    [InlineData("+86 21 6888 1234")]
    public async Task LandlineTypedWithOrWithoutTrunkPrefix_FindsTheCard(string search)
    {
        Assert.Equal(["上海星辰贸易有限公司"], await SearchAsync(search));
    }

    [Theory]
    [InlineData("小明")]
    [InlineData("王小")]
    [InlineData("王小明")]
    public async Task PartOfAChineseName_FindsTheCard(string search)
    {
        Assert.Equal(["王小明"], await SearchAsync(search));
    }

    [Theory]
    [InlineData("星辰")]
    [InlineData("李雷")]
    public async Task CompanyOrContactPersonName_FindsTheCompanyCard(string search)
    {
        Assert.Equal(["上海星辰贸易有限公司"], await SearchAsync(search));
    }

    [Theory]
    [InlineData("jane")]
    [InlineData("o'brien")]
    [InlineData("100%")]
    [InlineData("brien_smith")]
    public async Task LatinNamePart_FindsTheCardWhateverTheCase(string search)
    {
        Assert.Equal(["Jane 100% O'Brien_Smith"], await SearchAsync(search));
    }

    [Fact]
    public async Task WildcardCharacters_AreSearchedLiterally()
    {
        Assert.Empty(await SearchAsync("王_明"));
        Assert.Empty(await SearchAsync("王%"));
        Assert.Empty(await SearchAsync("%%%"));
    }

    [Theory]
    [InlineData("wang.xm@example.com")]
    [InlineData("Wang.XM@EXAMPLE.COM")]
    [InlineData("xingchen.example")]
    public async Task EmailOrPartOfIt_FindsTheCard(string search)
    {
        Assert.Single(await SearchAsync(search));
    }

    [Theory]
    [InlineData("C-000001")]
    [InlineData("c1")]
    [InlineData("C 000001")]
    public async Task CardCode_FindsExactlyThatCard(string search)
    {
        var page = await App.Queries.ListAsync(SalesEast, new CardListQuery { Search = search });

        Assert.Equal("C-000001", Assert.Single(page.Items).Code);
    }

    [Fact]
    public async Task SearchWithNoMatch_ReturnsAnEmptyPage()
    {
        var page = await App.Queries.ListAsync(SalesEast, new CardListQuery { Search = "赵敏" });

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public async Task Search_StaysWithinTheCardsTheActorMaySee()
    {
        Assert.Empty(await SearchAsync("王小明", Actors.SalesWest));
        Assert.Empty(await SearchAsync("138-1234-5678", Actors.SalesWest));
    }

    [Fact]
    public async Task ListRow_ShowsThePrimaryContactsReadably()
    {
        var row = Assert.Single((await App.Queries.ListAsync(SalesEast, new CardListQuery { Search = "王小明" })).Items);

        Assert.Equal(("+86 138 1234 5678", "wang.xm@example.com"), (row.PrimaryPhone, row.PrimaryEmail));
    }

    private async Task<IReadOnlyList<string>> SearchAsync(string search, Actor? actor = null)
    {
        var page = await App.Queries.ListAsync(actor ?? SalesEast, new CardListQuery { Search = search, SortBy = CardSort.Code, Descending = false });
        return page.Items.Select(i => i.DisplayName).ToList();
    }
}
