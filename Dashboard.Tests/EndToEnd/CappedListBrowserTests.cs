using Dashboard.Domain;
using Dashboard.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// A list longer than the count cap says so in its count and its pager, readable at desktop and phone size, for a
/// sales rep and for a sales manager (who sees every card).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CappedListBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData("demo-sales", 1366, 768)]
    [InlineData("demo-sales", 390, 844)]
    [InlineData("demo-salesmanager", 1366, 768)]
    [InlineData("demo-salesmanager", 390, 844)]
    public async Task AListLongerThanTheCap_SaysMoreThanInItsCountAndPager(string user, int width, int height)
    {
        var rep = await browser.App.Services.ActorAsync("demo-sales");
        for (var i = 0; i < 4; i++)
        {
            await browser.App.Services.CreateCardAsync(rep, Support.CardDraftBuilder.Individual($"封顶客户{width}-{i}").OwnedBy(rep));
        }

        var options = browser.App.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        options.ListCountCap = 3;
        try
        {
            await using var session = await browser.OpenAsync(output, new ViewportSize { Width = width, Height = height });
            await session.RunAsync(async page =>
            {
                await page.SignInAsync(user, expectedPath: user == "demo-salesmanager" ? "dashboard" : "customers");
                await page.GotoAsync("customers");
                await page.WaitForInteractiveAsync("#quick-search");

                await Expect(page.Locator("[data-testid=result-count]")).ToHaveTextAsync("More than 3 cards: narrow the filters to count them all");
                await Expect(page.Locator(".mud-table-pagination-caption").Last).ToContainTextAsync("of 3+");
                await session.ScreenshotAsync($"capped-list-{user}-{width}");
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"The customer list scrolls sideways by {overflow}px at {width}px wide.");
            });
        }
        finally
        {
            options.ListCountCap = new DashboardOptions().ListCountCap;
        }
    }
}
