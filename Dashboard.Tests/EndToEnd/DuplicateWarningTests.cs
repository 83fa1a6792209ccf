using System.Text.RegularExpressions;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// A sales rep starts a card for a customer the team already has: the form warns of the possible duplicate
/// before anything is saved, and the rep opens the existing card instead.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DuplicateWarningTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task SalesRep_TypingACardLikeAnExistingOne_SeesTheWarning_AndOpensTheExistingCard()
    {
        var services = browser.App.Services;
        var existing = await services.CreateCardAsync(await services.ActorAsync("demo-sales"), CardDraftBuilder.Individual("欧阳娜娜").WithPhone("136 5555 0199", primary: true));
        await using var session = await browser.OpenAsync(output);

        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-sales");
            await page.GotoAsync("customers/new");
            await page.WaitForInteractiveAsync("#card-name");

            await page.Locator("#card-name").FillAsync("欧阳 娜娜");
            var phone = page.Locator("[id='Phones[0]']");
            await phone.FillAsync("+86 136-5555-0199");
            await phone.PressAsync("Tab");

            var warning = page.Locator("[data-testid=duplicate-warning]");
            await Expect(warning).ToContainTextAsync("Possible duplicate");
            await Expect(warning).ToContainTextAsync(existing.Code);
            await Expect(warning).ToContainTextAsync("same phone");
            await session.ScreenshotAsync("duplicate-warning");

            await warning.Locator("[data-testid=open-similar]").First.ClickAsync();
            await page.WaitForAddressAsync(new Regex($"/customers/{existing.Id}$"));
            await Expect(page.Locator("[data-testid=card-code]")).ToHaveTextAsync(new Regex($@"^\s*{existing.Code}\s*$"));
            await Expect(page.Locator("[data-testid=card-title]")).ToHaveTextAsync("欧阳娜娜");
        });
    }
}
