using Bunit;
using Dashboard.Web.Components.Customers;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components;

/// <summary>Creating a card from the "New card" page: errors stay on the page and nothing is written.</summary>
public sealed class NewCardPageTests : ComponentTest
{
    private NavigationManager Navigation => Context.Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task SubmittingWithoutAName_ShowsTheNameErrorAndCreatesNoCard()
    {
        var cut = RenderInLayout<NewCardPage>();
        var startUri = Navigation.Uri;

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Enter the customer's name.", cut.Find("[data-testid=form-message]").TextContent, StringComparison.Ordinal));
        Assert.Contains(cut.FindAll(".mud-input-helper-text.mud-input-error"), e => e.TextContent.Contains("Enter the customer's name.", StringComparison.Ordinal));
        Assert.Equal(0, await CardCountAsync());
        Assert.Equal(startUri, Navigation.Uri);
    }

    [Fact]
    public async Task SubmittingAValidCard_CreatesItAndOpensItsPage()
    {
        var cut = RenderInLayout<NewCardPage>();
        cut.Find("#card-name").Change("王小明");
        cut.Find("input[id='Phones[0]']").Change("138 1234 5678");

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Matches("/customers/[0-9a-f-]{36}$", Navigation.Uri));
        Assert.Equal(1, await CardCountAsync());
    }
}
