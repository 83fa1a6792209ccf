using Bunit;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Customers;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>Two people editing one card: the second save is told, and the first person's values stay.</summary>
public sealed class CardEditorTests : ComponentTest
{
    [Fact]
    public async Task SavingAfterSomeoneElseChangedTheCard_ShowsTheConflictAndKeepsTheirValues()
    {
        var me = await SignedInActorAsync();
        var card = await CreateCardAsync(me, CardDraftBuilder.Individual("王小明"));
        var queries = Context.Services.GetRequiredService<CustomerCardQueries>();
        var cards = Context.Services.GetRequiredService<CustomerCardService>();
        var opened = (await queries.GetAsync(me, card.Id)).Value!;
        var cut = RenderInLayout<CardEditor>(p => p.Add(e => e.Card, opened));

        var theirs = opened.ToDraft();
        theirs.Title = "Purchasing manager";
        Assert.True((await cards.UpdateAsync(me, card.Id, opened.DetailsVersion, theirs)).Succeeded);
        cut.Find("#card-title").Change("Head buyer");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Someone else saved this card", cut.Find("[data-testid=form-message]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Purchasing manager", (await queries.GetAsync(me, card.Id)).Value!.Title);
    }
}
