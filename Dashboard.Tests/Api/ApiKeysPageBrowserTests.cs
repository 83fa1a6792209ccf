using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Tests.EndToEnd;
using Dashboard.Tests.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Api;

/// <summary>
/// An Admin creates a key on the API keys page, sees it once, an integration uses it, and after the Admin revokes it
/// (confirming first) the integration is refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ApiKeysPageBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Admin_CreatesAKey_SeesItOnce_AndRevokesIt()
    {
        // The East team exists once its first member has signed in.
        await browser.App.Services.ActorAsync("demo-sales");
        await using var session = await browser.OpenAsync(output);
        using var integration = new HttpClient { BaseAddress = browser.BaseAddress };

        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-admin");
            await page.GotoAsync("admin/api-keys");
            await page.WaitForInteractiveAsync("[data-testid=create-key]");

            await Input(page, "key-name").FillAsync("Browser-made integration");
            await ChooseAsync(page, "key-role", "Sales");
            await ChooseAsync(page, "key-team", "East Team");
            await page.Locator("[data-testid=create-key]").ClickAsync();

            var shown = Input(page, "issued-key-value");
            await Expect(shown).ToHaveValueAsync(KeyFormat());
            var key = await shown.InputValueAsync();
            var prefix = key[..16];
            var row = page.Locator($"[data-key='{prefix}']");
            await Expect(row).ToContainTextAsync("Browser-made integration");
            await Expect(row).ToContainTextAsync("Browser-made integration (API key)");
            await Expect(row).ToContainTextAsync("Active");
            await session.ScreenshotAsync("api-key-created");
            Assert.Equal(HttpStatusCode.OK, await CallAsync(integration, key));

            await page.ReloadAsync();
            await page.WaitForInteractiveAsync("[data-testid=create-key]");
            await Expect(page.Locator("[data-testid=issued-key]")).ToHaveCountAsync(0);
            Assert.DoesNotContain(key[17..], await page.ContentAsync(), StringComparison.Ordinal);

            await row.Locator("[data-testid=revoke-key]").ClickAsync();
            await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
            await Expect(row).ToContainTextAsync("Revoked");
            Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(integration, key));
        });
    }

    private static async Task ChooseAsync(IPage page, string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").Locator("xpath=ancestor-or-self::div[contains(concat(' ', normalize-space(@class), ' '), ' mud-select ')][1]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    /// <summary>The text input of a MudTextField, whichever element its data-testid landed on.</summary>
    private static ILocator Input(IPage page, string testId) => page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/cards");
        request.Headers.Add("X-Api-Key", key);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex("^ccd_[0-9a-f]{12}_[0-9a-f]{64}$")]
    private static partial Regex KeyFormat();
}
