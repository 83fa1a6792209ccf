using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
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

    [Theory]
    [InlineData("1234 5678")]
    [InlineData("1381234")]
    [InlineData("86138")]
    public async Task PartOfAPhoneNumber_FindsNothing_BecausePhonesAreStoredEncrypted(string search)
    {
        Assert.Empty(await SearchAsync(search));
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

    [Theory]
    [InlineData("星辰贸")]
    [InlineData("贸易有限")]
    [InlineData("上海星辰贸易有限公司")]
    public async Task ChineseSubstringOfACompany_FindsTheCompanyCard(string search)
    {
        Assert.Equal(["上海星辰贸易有限公司"], await SearchAsync(search));
    }

    [Fact]
    public async Task TwoCharacterChineseName_FindsTheCardWithThatName()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("张伟"));

        Assert.Equal(["张伟"], await SearchAsync("张伟"));
    }

    [Theory]
    [InlineData("明", "王小明")]
    [InlineData("J", "Jane 100% O'Brien_Smith")]
    public async Task OneCharacter_FindsTheCardsContainingIt(string search, string expected)
    {
        Assert.Equal([expected], await SearchAsync(search));
    }

    [Theory]
    [InlineData("ng.xm@exa")]
    [InlineData("XINGCHEN")]
    [InlineData("@example.com")]
    public async Task PartOfAnEmail_FindsNothing_BecauseEmailsAreStoredEncrypted(string search)
    {
        Assert.Empty(await SearchAsync(search));
    }

    [Fact]
    public async Task PhoneDigits_DoNotMatchNamesOrEmails()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("Agent 2025088").WithEmail("agent2025088@example.com"));

        Assert.Empty(await SearchAsync("2025088"));
        Assert.Equal(["Agent 2025088"], await SearchAsync("Agent 2025"));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("\"Smith\"")]
    [InlineData("*")]
    [InlineData("Smi*")]
    [InlineData("-Smith")]
    [InlineData("NOT")]
    [InlineData("Jane NOT Smith")]
    [InlineData("Jane OR Smith")]
    [InlineData("Jane AND O")]
    [InlineData("NEAR(Jane Smith)")]
    [InlineData("Names: Jane")]
    [InlineData("{Names} : Jane")]
    [InlineData("^Jane")]
    [InlineData("(Jane)")]
    [InlineData("Jane +")]
    [InlineData("'; DROP TABLE Cards; --")]
    public async Task QuerySyntaxCharacters_AreSearchedLiterally(string search)
    {
        Assert.Empty(await SearchAsync(search));
    }

    [Theory]
    [InlineData("Acme \"Quote\" NEAR(x)")]
    [InlineData("\"Quote\"")]
    [InlineData("NEAR(x)")]
    [InlineData("* - ^ :")]
    [InlineData("e\" N")]
    public async Task NameHoldingQuerySyntax_IsFoundByThatText(string search)
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company("Acme \"Quote\" NEAR(x) * - ^ : {Names}"));

        Assert.Equal(["Acme \"Quote\" NEAR(x) * - ^ : {Names}"], await SearchAsync(search));
    }

    [Fact]
    public async Task EditedName_IsFoundByTheNewNameAndNotTheOld()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("欧阳建国").WithEmail("ouyang@example.com"));

        Assert.True((await App.EditAsync(SalesEast, card.Id, d => d.Name = "司马春生")).Succeeded);

        Assert.Empty(await SearchAsync("欧阳建国"));
        Assert.Empty(await SearchAsync("欧阳"));
        Assert.Equal(["司马春生"], await SearchAsync("司马春生"));
        Assert.Equal(["司马春生"], await SearchAsync("马春"));
        Assert.Equal(["司马春生"], await SearchAsync("ouyang@example.com"));
    }

    [Fact]
    public async Task ChangedOrRemovedContactPoints_AreFoundByWhatTheCardHoldsNow()
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("赵敏").WithPhone("139 0000 1111").WithEmail("zhao.min@old.example"));

        Assert.True((await App.EditAsync(SalesEast, card.Id, d =>
        {
            d.Phones[0].Value = "137 2222 3333";
            d.Emails.Clear();
        })).Succeeded);

        Assert.Empty(await SearchAsync("139 0000 1111"));
        Assert.Empty(await SearchAsync("zhao.min@old.example"));
        Assert.Equal(["赵敏"], await SearchAsync("13722223333"));
    }

    [Fact]
    public async Task Search_KeepsTheOtherFiltersAndCountsOnlyTheirMatches()
    {
        await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").InStage(LifecycleStage.New));

        var page = await App.Queries.ListAsync(SalesEast, new CardListQuery { Search = "王小明", Stage = LifecycleStage.New });

        Assert.Equal(1, page.TotalCount);
        Assert.Equal(LifecycleStage.New, Assert.Single(page.Items).Stage);
    }

    [Fact]
    public async Task WildcardCharacters_AreSearchedLiterally()
    {
        Assert.Empty(await SearchAsync("王_明"));
        Assert.Empty(await SearchAsync("王%"));
        Assert.Empty(await SearchAsync("%%%"));
    }

    [Theory]
    [InlineData("wang.xm@example.com", "王小明")]
    [InlineData("Wang.XM@EXAMPLE.COM", "王小明")]
    [InlineData(" li.lei@XINGCHEN.example.cn ", "上海星辰贸易有限公司")]
    public async Task WholeEmailInAnyCase_FindsTheCard(string search, string expected)
    {
        Assert.Equal([expected], await SearchAsync(search));
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
