using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>Sales reps open the list on their phones: at 390×844 the quick search is there and usable.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const int Width = 390;

    [Fact]
    public async Task CustomerList_AtPhoneSize_ShowsAUsableQuickSearch()
    {
        await using var session = await browser.OpenAsync(output, new ViewportSize { Width = Width, Height = 844 });

        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-sales");
            await page.WaitForInteractiveAsync("#quick-search");

            var search = page.Locator("#quick-search");
            await Expect(search).ToBeVisibleAsync();
            await Expect(search).ToBeInViewportAsync();
            var box = await search.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.InRange(box.X, 0, Width);
            Assert.InRange(box.X + box.Width, 0, Width);

            // A click lands only if nothing (such as an open navigation drawer) covers the field.
            await search.ClickAsync();
            await search.FillAsync("王");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]q="));
            await session.ScreenshotAsync("phone-customer-list");

            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The list page scrolls sideways by {overflow}px at {Width}px wide.");
        });
    }
}
