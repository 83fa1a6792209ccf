using Dashboard.Domain.Customers;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Dashboard.Tests.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The pipeline dashboard over twelve months, as a sales manager and a sales rep read it at desktop and phone size:
/// the weekly labels can be read (none drawn over another), the value axis starts at zero, and the running month
/// says it is cut short.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardDetailsBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData("demo-salesmanager", 1366, 768)]
    [InlineData("demo-salesmanager", 390, 844)]
    [InlineData("demo-sales", 1366, 768)]
    [InlineData("demo-sales", 390, 844)]
    public async Task TwelveMonths_HaveReadableWeekLabels_AValueAxisFromZero_AndTheRunningMonthMarked(string user, int width, int height)
    {
        var rep = await browser.App.Services.ActorAsync("demo-sales");
        var card = await browser.App.Services.CreateCardAsync(rep, CardDraftBuilder.Individual($"看板细节{width}{user}").OwnedBy(rep));
        var cards = browser.App.Services.GetRequiredService<CustomerCardService>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var (monthsAgo, amount) in new[] { (3, 4_100_000m), (2, 4_300_000m), (1, 4_200_000m), (0, 600_000m) })
        {
            var result = await cards.RecordPurchaseAsync(rep, card.Id, new PurchaseDraft { Product = "年度服务", PurchasedOn = today.AddMonths(-monthsAgo).AddDays(monthsAgo == 0 ? 0 : -1), Amount = amount });
            Assert.True(result.Succeeded);
        }

        await using var session = await browser.OpenAsync(output, new ViewportSize { Width = width, Height = height });
        await session.RunAsync(async page =>
        {
            await page.SignInAsync(user, expectedPath: user == "demo-salesmanager" ? "dashboard" : "customers");
            await page.GotoAsync("dashboard");
            await page.WaitForInteractiveAsync("[data-testid=preset-30]");
            await page.GetByRole(AriaRole.Button, new() { Name = "Last 12 months" }).ClickAsync();
            var weekly = page.Locator("[data-testid=weekly-chart]");
            await Expect(weekly.Locator(".apexcharts-xaxis-label").First).ToBeAttachedAsync(new() { Timeout = 15_000 });

            var overlaps = await weekly.EvaluateAsync<int>(
                """
                chart => {
                    const boxes = [...chart.querySelectorAll('.apexcharts-xaxis-label')]
                        .filter(l => l.textContent.trim() !== '' && getComputedStyle(l).display !== 'none')
                        .map(l => l.getBoundingClientRect()).filter(r => r.width > 0);
                    let overlaps = 0;
                    for (let i = 0; i < boxes.length; i++)
                        for (let j = i + 1; j < boxes.length; j++) {
                            const a = boxes[i], b = boxes[j];
                            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps++;
                        }
                    return overlaps;
                }
                """);
            Assert.Equal(0, overlaps);

            var value = page.Locator("[data-testid=value-chart]");
            await Expect(value.Locator(".apexcharts-yaxis-label tspan").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"^\s*0\s*$") })).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-testid=value-chart-table]")).ToContainTextAsync("(to ");
            await Expect(page.Locator("[data-testid=first-month-partial]")).ToContainTextAsync("is counted from");
            await session.ScreenshotAsync($"dashboard-12-months-{user}-{width}");
        });
    }
}
