using System.Net;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Web;

/// <summary>The card page as each role receives it from the server: the C5 matrix, not just hidden buttons.</summary>
public sealed class CardPageAccessTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>, IAsyncLifetime
{
    private const string Phone = "+86 138 1234 5678";
    private CardRef _eastCard = null!;
    private CardRef _westCard = null!;

    public async Task InitializeAsync()
    {
        var services = factory.Services;
        var sales = await services.ActorAsync("demo-sales");
        _eastCard = await services.CreateCardAsync(sales, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678", primary: true));
        _westCard = await services.CreateCardAsync(await services.WestTeamRepAsync(), CardDraftBuilder.Individual("陈杰").WithPhone("139 8765 4321", primary: true));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Owner_SeesTheCardWithItsPhoneInFull()
    {
        var html = await CardPageAsync("demo-sales", _eastCard);

        Assert.Contains(_eastCard.Code, html, StringComparison.Ordinal);
        Assert.Contains("王小明", html, StringComparison.Ordinal);
        Assert.Contains(Phone, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamLeadOfTheSameTeam_SeesTheCardWithItsPhoneInFull()
    {
        var html = await CardPageAsync("demo-teamlead", _eastCard);

        Assert.Contains("王小明", html, StringComparison.Ordinal);
        Assert.Contains(Phone, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SalesManager_SeesTheCardButThePhoneMasked()
    {
        var html = await CardPageAsync("demo-salesmanager", _eastCard);

        Assert.Contains("王小明", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, html, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", html, StringComparison.Ordinal);
        Assert.Contains("****", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SalesRepOfAnotherTeam_IsRefused_AndLearnsNothingAboutTheCard()
    {
        var html = await CardPageAsync("demo-sales", _westCard);

        Assert.Contains("You cannot view this customer card.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("陈杰", html, StringComparison.Ordinal);
        Assert.DoesNotContain("139 8765 4321", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SalesRep_DoesNotSeeAnotherTeamsCardInTheList()
    {
        using var client = await factory.CreateSignedInAsync("demo-sales");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/customers"));

        // The table loads after the circuit starts, so the prerendered list must not leak anything either.
        Assert.DoesNotContain(_westCard.Code, html, StringComparison.Ordinal);
        Assert.DoesNotContain("陈杰", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo-finance")]
    [InlineData("demo-auditor")]
    public async Task RolesWithoutCardAccess_AreSentToTheAccessDeniedPage(string user)
    {
        using var client = await factory.CreateSignedInAsync(user);

        using var response = await client.GetAsync($"/customers/{_eastCard.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/denied", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    private async Task<string> CardPageAsync(string user, CardRef card)
    {
        using var client = await factory.CreateSignedInAsync(user);
        using var response = await client.GetAsync($"/customers/{card.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
