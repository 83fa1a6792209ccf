using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// Issue 14 in the browser: a rep types an American number on a new card, is told it is not a Chinese one, chooses the
/// card's country with the keyboard and saves it as +1; a team lead's import offers a Country column and a default
/// country. At desktop and phone size, with screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneCountryBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task SalesRep_ChoosesTheCountry_AndTheAmericanNumberIsSavedAsPlus1(int width, int height)
    {
        var name = $"Country Test {Guid.NewGuid().ToString("N")[..6]}";
        var number = $"(415) 555-{Random.Shared.Next(1000, 9999)}";
        await using var session = await browser.OpenAsync(output, new ViewportSize { Width = width, Height = height });

        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-sales");
            await page.WaitForInteractiveAsync("#quick-search");
            await page.GotoAsync("customers/new");
            await page.WaitForInteractiveAsync("#card-name");
            await page.Locator("#card-name").FillAsync(name);
            var phone = page.Locator("[id='Phones[0]']");
            await phone.FillAsync(number);
            await phone.PressAsync("Tab");
            await Expect(page.GetByText("United States (US)").First).ToBeVisibleAsync();
            await Expect(page.GetByText("is not a valid phone number for China (CN)")).ToBeVisibleAsync();
            await page.Locator("#card-country").ScrollIntoViewIfNeededAsync();
            await session.ScreenshotAsync($"phones-form-error-{width}");

            var country = page.Locator("#card-country");
            await country.FocusAsync();
            await country.PressSequentiallyAsync("United States");
            var option = page.GetByRole(AriaRole.Option, new() { Name = "United States (US)", Exact = true });
            await Expect(option).ToBeVisibleAsync();
            await session.ScreenshotAsync($"phones-form-country-list-{width}");
            await option.ClickAsync();
            await Expect(country).ToHaveValueAsync("United States (US)");
            await Expect(page.GetByText("is not a valid phone number")).ToHaveCountAsync(0);
            await Expect(page.GetByText("read as numbers of United States (US)")).ToBeVisibleAsync();
            await session.ScreenshotAsync($"phones-form-country-{width}");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The card form scrolls sideways by {overflow}px at {width}px wide.");

            await page.Locator("[data-testid=save-card]").ClickAsync();
            await page.WaitForAddressAsync(new Regex("/customers/[0-9a-f-]{36}$"));
            await Expect(page.Locator("[data-testid=card-title]")).ToHaveTextAsync(name);
            await Expect(page.GetByText("United States (US)")).ToBeVisibleAsync();
            await Expect(page.GetByText("+1 415-555-" + number[^4..])).ToBeVisibleAsync();
            await session.ScreenshotAsync($"phones-card-page-{width}");
        });
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task TeamLead_ImportsRowsWithACountryColumn_AndSeesTheDefaultCountry(int width, int height)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var csv = $"Name,Country,Phone\nAnn {suffix},US,(415) 555-{Random.Shared.Next(1000, 9999)}\nJürgen {suffix},Germany,0221-06{Random.Shared.Next(10000, 99999)}\nMia {suffix},AU,138 1234 5678\n";
        await using var session = await browser.OpenAsync(output, new ViewportSize { Width = width, Height = height });

        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-teamlead");
            await page.WaitForInteractiveAsync("#quick-search");
            await page.GotoAsync("import");
            await page.WaitForFunctionAsync("() => Object.keys(document.querySelector('#import-file') ?? {}).some(k => k.startsWith('_blazor'))");
            await page.Locator("#import-file").SetInputFilesAsync(new FilePayload { Name = "countries.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });

            var mapping = page.Locator("[data-testid=mapping-table]");
            await Expect(mapping).ToBeVisibleAsync();
            await Expect(mapping.Locator("tbody tr").Nth(1)).ToContainTextAsync("Country");
            await Expect(page.Locator("#import-default-region")).ToHaveValueAsync("China (CN)");
            await page.Locator("#import-default-region").ScrollIntoViewIfNeededAsync();
            await session.ScreenshotAsync($"phones-import-mapping-{width}");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The mapping step scrolls sideways by {overflow}px at {width}px wide.");

            await page.Locator("[data-testid=import-preview]").ClickAsync();
            await Expect(page.Locator("[data-testid=count-valid]")).ToHaveTextAsync("2");
            await Expect(page.Locator("[data-testid=count-invalid]")).ToHaveTextAsync("1");
            var badCell = page.Locator("[data-testid=preview-table] td[data-error=true]");
            await Expect(badCell).ToContainTextAsync("Australia (AU)");
            await session.ScreenshotAsync($"phones-import-preview-{width}");
        });
    }
}
