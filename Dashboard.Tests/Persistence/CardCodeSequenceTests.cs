using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Persistence;

public sealed class CardCodeSequenceTests : ServiceTest
{
    [Fact]
    public async Task NewCards_GetSequentialCodes()
    {
        var first = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明"));
        var second = await App.CreateCardAsync(Actors.SalesWest, CardDraftBuilder.Individual("李雷"));
        var third = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Company("星辰贸易"));

        Assert.Equal(["C-000001", "C-000002", "C-000003"], new[] { first.Code, second.Code, third.Code });
        Assert.Equal(1, first.Version);
    }

    [Fact]
    public async Task RejectedCard_DoesNotUseUpACode()
    {
        await App.CreateCardAsync(SalesEast);
        var rejected = await App.Cards.CreateAsync(SalesEast, CardDraftBuilder.Individual(name: null).Build());

        var next = await App.CreateCardAsync(SalesEast);

        Assert.False(rejected.Succeeded);
        Assert.Equal("C-000002", next.Code);
    }
}
