using System.Text.RegularExpressions;
using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The issue's scenario in a real browser: a sales rep creates a card, is told about a malformed
/// phone as soon as they leave the field, fixes it, saves, and finds the card again by that phone
/// typed in another format.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NewCardScenarioTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string CustomerName = "王小明";
    private const string MalformedPhoneError = "\"12345\" is not a valid phone number for China (CN).";

    // Blazor changes pages in place; the URL is what is waited for, the content by the assertions after it.
    [Fact]
    public async Task SalesRep_CreatesACard_FixingAMalformedPhone_AndFindsItByPhoneInAnotherFormat()
    {
        var decoy = await CreateCardAsync("李雷", "139 8765 4321");
        await using var session = await browser.OpenAsync(output);

        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-sales");

            // A link clicked while the circuit is still starting can change the URL without changing the page.
            await page.WaitForInteractiveAsync("#quick-search");
            await page.GetByRole(AriaRole.Link, new() { Name = "New card", Exact = true }).First.ClickAsync();
            await page.WaitForAddressAsync(new Regex("/customers/new$"));
            await page.WaitForInteractiveAsync("#card-name");

            await page.Locator("#card-name").FillAsync(CustomerName);
            var phone = page.Locator("[id='Phones[0]']");
            await phone.FillAsync("12345");
            await phone.PressAsync("Tab");
            await Expect(page.GetByText(MalformedPhoneError)).ToBeVisibleAsync();

            await phone.FillAsync("138 1234 5678");
            await phone.PressAsync("Tab");
            await Expect(page.GetByText("is not a valid phone number")).ToHaveCountAsync(0);

            await page.Locator("[data-testid=save-card]").ClickAsync();
            await page.WaitForAddressAsync(CardPageUrl());
            var codeChip = page.Locator("[data-testid=card-code]");
            await Expect(codeChip).ToHaveTextAsync(CardCode());
            await Expect(page.Locator("[data-testid=card-title]")).ToHaveTextAsync(CustomerName);
            var code = (await codeChip.InnerTextAsync()).Trim();
            await session.ScreenshotAsync("created-card");

            await page.GotoAsync("customers");
            await page.WaitForInteractiveAsync("#quick-search");
            var rows = page.Locator("[data-testid=customer-table] tbody tr");
            await Expect(rows.Filter(new() { HasText = decoy.Code })).ToHaveCountAsync(1);

            await page.Locator("#quick-search").FillAsync("+86 138-1234-5678");

            await Expect(page).ToHaveURLAsync(new Regex(@"[?&]q=%2B86", RegexOptions.IgnoreCase));
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToContainTextAsync(code);
            await Expect(rows.First).ToContainTextAsync(CustomerName);
            await Expect(rows.Filter(new() { HasText = decoy.Code })).ToHaveCountAsync(0);
        });
    }

    private async Task<CardRef> CreateCardAsync(string name, string phone)
    {
        var services = browser.App.Services;
        return await services.CreateCardAsync(await services.ActorAsync("demo-sales"), CardDraftBuilder.Individual(name).WithPhone(phone, primary: true));
    }

    [GeneratedRegex("/customers/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex CardPageUrl();

    [GeneratedRegex(@"^\s*C-\d+\s*$")]
    private static partial Regex CardCode();
}
