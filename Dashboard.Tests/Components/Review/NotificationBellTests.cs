using Bunit;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Review;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Dashboard.Web.Components.Review;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Review;

/// <summary>
/// The bell in the app bar: a button named with the unread count that opens the list of decisions on the signed-in
/// rep's changes, each leading to its card; opening it marks them read, and the list still shows which were new.
/// </summary>
public sealed class NotificationBellTests : ComponentTest
{
    private const string Reason = "The customer did not confirm this number";

    private NotificationService Notifications => Context.Services.GetRequiredService<NotificationService>();

    [Fact]
    public async Task WithADecisionUnread_TheBellIsAClosedButtonNamedWithTheCount()
    {
        await RejectAPhoneChangeAsync();

        var (_, cut) = RenderBell();

        cut.WaitForAssertion(() => Assert.Equal("Notifications, 1 unread", Bell(cut).GetAttribute("aria-label")));
        Assert.Equal("false", Bell(cut).GetAttribute("aria-expanded"));
        Assert.Equal("menu", Bell(cut).GetAttribute("aria-haspopup"));
    }

    [Fact]
    public async Task ClickingTheBell_OpensTheDecisionsWithALinkToTheCard_AndMarksThemRead()
    {
        var card = await RejectAPhoneChangeAsync();
        var (popovers, cut) = RenderBell();
        cut.WaitForAssertion(() => Assert.Equal("Notifications, 1 unread", Bell(cut).GetAttribute("aria-label")));

        await Bell(cut).ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("true", Bell(cut).GetAttribute("aria-expanded")));
        var item = popovers.WaitForElement("[data-testid=notification]");
        Assert.Equal($"customers/{card.Id}", item.GetAttribute("href"));
        Assert.Contains($"Li Na (Team lead) rejected your contact point change on {card.Code}: {Reason}", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("Unread", item.QuerySelector("[data-testid=notification-new]")!.TextContent.Trim());
        Assert.Equal(0, await Notifications.UnreadCountAsync(await SignedInActorAsync()));
        cut.WaitForAssertion(() => Assert.Equal("Notifications", Bell(cut).GetAttribute("aria-label")));
    }

    [Fact]
    public async Task OpenedAgain_TheDecisionIsShownRead()
    {
        await RejectAPhoneChangeAsync();
        var (popovers, cut) = RenderBell();
        await Bell(cut).ClickAsync(new());
        popovers.WaitForElement("[data-testid=notification-new]");

        await Bell(cut).ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal("false", Bell(cut).GetAttribute("aria-expanded")));
        await Bell(cut).ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("true", Bell(cut).GetAttribute("aria-expanded")));
        popovers.WaitForAssertion(() =>
        {
            Assert.Single(popovers.FindAll("[data-testid=notification]"));
            Assert.Empty(popovers.FindAll("[data-testid=notification-new]"));
        });
    }

    [Fact]
    public async Task WithNothingDecided_TheBellSaysSoWhenOpened()
    {
        var (popovers, cut) = RenderBell();
        cut.WaitForAssertion(() => Assert.Equal("Notifications", Bell(cut).GetAttribute("aria-label")));

        await Bell(cut).ClickAsync(new());

        Assert.Contains("No notifications", popovers.WaitForElement("[data-testid=no-notifications]").TextContent, StringComparison.Ordinal);
    }

    private (IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<NotificationBell> Bell) RenderBell()
    {
        var popovers = Context.Render<MudPopoverProvider>();
        return (popovers, Context.Render<NotificationBell>());
    }

    private static AngleSharp.Dom.IElement Bell(IRenderedComponent<NotificationBell> cut) => cut.Find("[data-testid=notification-bell] button");

    /// <summary>Zhang Wei (Sales, East), signed in here, changes a phone while the review queue is on; Li Na (East team lead) rejects it.</summary>
    private async Task<CardRef> RejectAPhoneChangeAsync()
    {
        var sales = await SignedInActorAsync();
        var lead = await Context.Services.ActorAsync("demo-teamlead");
        var review = Context.Services.GetRequiredService<ReviewService>();
        var card = await CreateCardAsync(sales, CardDraftBuilder.Individual("王小明").WithPhone("+8613812345678", "Mobile", primary: true));
        Assert.True((await review.SetEnabledAsync(await Context.Services.ActorAsync("demo-admin"), true)).Succeeded);
        var current = (await Context.Services.GetRequiredService<CustomerCardQueries>().GetAsync(sales, card.Id)).Value!;
        var edit = current.ToDraft();
        edit.Phones[0].Value = "+8613987654321";
        Assert.True((await Context.Services.GetRequiredService<CustomerCardService>().UpdateAsync(sales, card.Id, current.DetailsVersion, edit)).Succeeded);
        var pending = Assert.Single(await review.ListPendingAsync(lead));
        Assert.True((await review.RejectAsync(lead, pending.Id, Reason)).Succeeded);
        return card;
    }
}
