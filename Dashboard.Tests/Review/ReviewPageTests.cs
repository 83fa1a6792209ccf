using System.Security.Claims;
using Bunit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Review;
using Dashboard.Tests.Components;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Dashboard.Web.Components.Review;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Review;

/// <summary>The East team lead's review queue page: the Sales rep's proposed phone beside the current one, approved or rejected with a reason.</summary>
public sealed class ReviewPageTests : ComponentTest
{
    private const string NewPhone = "+8613987654321";

    public ReviewPageTests()
    {
        var lead = DemoUsers.Find("demo-teamlead")!;
        Context.AddAuthorization()
            .SetAuthorized(lead.DisplayName)
            .SetRoles(lead.Role.ToString())
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, lead.ExternalId), new Claim(ClaimTypes.Email, lead.Email));
    }

    private ReviewService Review => Context.Services.GetRequiredService<ReviewService>();

    private CustomerCardQueries Queries => Context.Services.GetRequiredService<CustomerCardQueries>();

    [Fact]
    public async Task ApprovingOnThePage_AppliesTheProposedPhone_AndEmptiesTheQueue()
    {
        var (card, _) = await ProposeNewPhoneAsync();
        var cut = RenderInLayout<ReviewPage>();
        cut.WaitForElement("[data-testid=pending-item]");
        Assert.Contains(Dashboard.Domain.Customers.PhoneNumber.Display(NewPhone), cut.Find("[data-testid=pending-added]").TextContent, StringComparison.Ordinal);

        cut.Find("button[data-testid=approve]").Click();

        cut.WaitForElement("[data-testid=review-empty]");
        var saved = (await Queries.GetAsync(await Context.Services.ActorAsync("demo-teamlead"), card)).Value!;
        Assert.Equal(NewPhone, saved.Phones.Single().Display.Replace(" ", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RejectingOnThePage_AsksForAReason_ThenTellsTheMaker()
    {
        var (_, maker) = await ProposeNewPhoneAsync();
        var cut = RenderInLayout<ReviewPage>();
        cut.WaitForElement("[data-testid=pending-item]");

        cut.Find("button[data-testid=reject]").Click();
        cut.Find("button[data-testid=confirm-reject]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Give a reason for rejecting the change.", cut.Find("[data-testid=reject-form]").TextContent, StringComparison.Ordinal));
        Assert.Single(cut.FindAll("[data-testid=pending-item]"));

        cut.Find("input[data-testid=reject-reason]").Change("The customer did not confirm this number");
        cut.Find("button[data-testid=confirm-reject]").Click();

        cut.WaitForElement("[data-testid=review-empty]");
        var told = Assert.Single(await Context.Services.GetRequiredService<NotificationService>().ListAsync(maker));
        Assert.Contains("The customer did not confirm this number", told.Args);
    }

    /// <summary>Zhang Wei (Sales, East) changes a phone on his card while the queue is on.</summary>
    private async Task<(Guid Card, Dashboard.Domain.Access.Actor Maker)> ProposeNewPhoneAsync()
    {
        var sales = await Context.Services.ActorAsync("demo-sales");
        var card = await CreateCardAsync(sales, CardDraftBuilder.Individual("王小明").WithPhone("+8613812345678", "Mobile", primary: true));
        Assert.True((await Review.SetEnabledAsync(await Context.Services.ActorAsync("demo-admin"), true)).Succeeded);
        var draft = (await Queries.GetAsync(sales, card.Id)).Value!;
        var edit = draft.ToDraft();
        edit.Phones[0].Value = NewPhone;
        Assert.True((await Context.Services.GetRequiredService<CustomerCardService>().UpdateAsync(sales, card.Id, draft.DetailsVersion, edit)).Succeeded);
        return (card.Id, sales);
    }
}
