using Dashboard.Tests.Web;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// Sales reps open the list on their phones: at 390×844 the quick search is there and usable, each row is one readable
/// card whose values are all on screen, and the other filters fold away so the list starts on the first screen.
/// </summary>
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

    [Theory]
    [InlineData("demo-sales")]
    [InlineData("demo-salesmanager")]
    public async Task CustomerList_AtPhoneSize_ShowsEachRowAsAReadableCard_WithTheFiltersFoldedAway(string user)
    {
        var rep = await browser.App.Services.ActorAsync("demo-sales");
        var name = user == "demo-sales" ? "手机列表甲" : "手机列表乙";
        var company = "深圳市前海微众银行股份有限公司华南区域客户服务与数据治理中心第二分部";
        var followUp = new DateOnly(2031, 3, 14);
        await browser.App.Services.CreateCardAsync(rep, Support.CardDraftBuilder.Individual(name)
            .WithCompany(company).FollowUpOn(followUp).OwnedBy(rep));

        await using var session = await browser.OpenAsync(output, new ViewportSize { Width = Width, Height = 844 });
        await session.RunAsync(async page =>
        {
            await page.SignInAsync(user, expectedPath: user == "demo-salesmanager" ? "dashboard" : "customers");
            await page.GotoAsync($"customers?q={Uri.EscapeDataString(name)}");
            await page.WaitForInteractiveAsync("#quick-search");

            var row = page.Locator("[data-testid=compact-row]").Filter(new() { HasText = name });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToBeInViewportAsync();
            // Everything a rep reads in the row is on screen, not pushed off to the right of its cell.
            foreach (var text in new[] { name, company, "Prospect", "Zhang Wei", "2031-03-14" })
            {
                var part = row.GetByText(text, new() { Exact = false }).First;
                await Expect(part).ToBeVisibleAsync();
                var box = await part.BoundingBoxAsync();
                Assert.NotNull(box);
                Assert.True(box.X >= 0 && box.X + box.Width <= Width, $"\"{text}\" lies at x {box.X:F0}–{box.X + box.Width:F0}, outside the {Width}px screen.");
            }
            await Expect(row.Locator("[data-tier], .mud-text-secondary").First).ToBeVisibleAsync();
            await Expect(row.GetByText(new System.Text.RegularExpressions.Regex(@"^C-\d{6}$"))).ToBeVisibleAsync();
            // The wide table's cells are not shown at phone size.
            await Expect(page.Locator("[data-testid=customer-table] td.list-wide").First).ToBeHiddenAsync();

            // The filters fold away behind one button; opening it shows them.
            var toggle = page.Locator("[data-testid=filters-toggle]");
            await Expect(toggle).ToBeVisibleAsync();
            await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
            var stageFilter = page.Locator(".filter-more").First;
            await Expect(stageFilter).ToBeHiddenAsync();
            await session.ScreenshotAsync($"phone-list-cards-{user}");
            await toggle.ClickAsync();
            await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(stageFilter).ToBeVisibleAsync();
            await session.ScreenshotAsync($"phone-list-filters-open-{user}");

            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The list page scrolls sideways by {overflow}px at {Width}px wide.");
        });
    }

    [Theory]
    [InlineData("demo-sales")]
    [InlineData("demo-salesmanager")]
    public async Task CustomerList_AtDesktopSize_KeepsTheTable_WithEveryFilterShown(string user)
    {
        var rep = await browser.App.Services.ActorAsync("demo-sales");
        await browser.App.Services.CreateCardAsync(rep, Support.CardDraftBuilder.Individual(user == "demo-sales" ? "桌面列表甲" : "桌面列表乙")
            .WithCompany("北京字节跳动科技有限公司").WithPhone($"139 {Random.Shared.Next(1000, 9999)} {Random.Shared.Next(1000, 9999)}", primary: true).WithEmail("desktop.list.example@example.com")
            .FollowUpOn(new DateOnly(2031, 3, 14)).OwnedBy(rep));

        await using var session = await browser.OpenAsync(output, new ViewportSize { Width = 1366, Height = 768 });
        await session.RunAsync(async page =>
        {
            await page.SignInAsync(user, expectedPath: user == "demo-salesmanager" ? "dashboard" : "customers");
            await page.GotoAsync("customers");
            await page.WaitForInteractiveAsync("#quick-search");

            await Expect(page.Locator("[data-testid=customer-table] th").GetByText("Next follow-up")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=compact-row]").First).ToBeHiddenAsync();
            await Expect(page.Locator("[data-testid=filters-toggle]")).ToBeHiddenAsync();
            await Expect(page.Locator(".filter-more").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=result-count]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d,]+ cards?$"));
            await session.ScreenshotAsync($"desktop-list-{user}");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The list page scrolls sideways by {overflow}px at 1366px wide.");
            // Every column fits the table: nothing hides to the right behind the table's own scroll bar.
            var tableOverflow = await page.EvaluateAsync<int>("() => { const c = document.querySelector('[data-testid=customer-table] .mud-table-container'); return c.scrollWidth - c.clientWidth; }");
            Assert.True(tableOverflow <= 0, $"The customer table scrolls sideways by {tableOverflow}px at 1366px wide.");
            await Expect(page.Locator("[data-testid=customer-table] th").GetByText("Updated")).ToBeInViewportAsync();
        });
    }
}
