using System.Text.RegularExpressions;
using System.Globalization;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// Two people in two browsers: a sales manager watches the pipeline dashboard while a sales rep moves a
/// card to another stage; the manager's funnel shows the new count without a reload, and the funnel
/// drills down to a list with the same number of cards.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveDashboardTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task StageChangeInOneBrowser_UpdatesTheFunnelInAnotherWithoutReload()
    {
        var card = await browser.App.Services.CreateCardAsync(await browser.App.Services.ActorAsync("demo-sales"), CardDraftBuilder.Individual("赵敏"));
        await using var manager = await browser.OpenAsync(output);
        await using var rep = await browser.OpenAsync(output);
        var activeCount = manager.Page.Locator("[data-testid=funnel-count-Active]");

        await manager.RunAsync(async page =>
        {
            await page.SignInAsync("demo-salesmanager", "dashboard");
            await page.WaitForInteractiveAsync("[data-testid=preset-30]");
            await Expect(activeCount).ToBeVisibleAsync();
        });
        var before = ParseCount(await activeCount.InnerTextAsync());
        var reloads = 0;
        manager.Page.FrameNavigated += (_, frame) => reloads += frame.ParentFrame is null ? 1 : 0;

        await rep.RunAsync(async page =>
        {
            await page.SignInAsync("demo-sales");
            await page.GotoAsync($"customers/{card.Id}");
            await page.WaitForInteractiveAsync(".mud-menu button");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Change stage" })).ToBeVisibleAsync();
            await MoveStageAsync(page, "New");
            await MoveStageAsync(page, "Active");
        });

        await manager.RunAsync(async page =>
        {
            await Expect(activeCount).ToHaveTextAsync((before + 1).ToString("N0", CultureInfo.CurrentCulture), new() { Timeout = 5_000 });
            Assert.Equal(0, reloads);
            await manager.ScreenshotAsync("live-dashboard");
        });
    }

    [Fact]
    public async Task FunnelStage_DrillsDownToAListWithTheSameCount()
    {
        var services = browser.App.Services;
        var sales = await services.ActorAsync("demo-sales");
        var card = await services.CreateCardAsync(sales, CardDraftBuilder.Individual("周芷若"));
        var cards = services.GetRequiredService<CustomerCardService>();
        Assert.True((await cards.ChangeStageAsync(sales, card.Id, card.Version, LifecycleStage.New)).Succeeded);
        await using var manager = await browser.OpenAsync(output);

        await manager.RunAsync(async page =>
        {
            await page.SignInAsync("demo-salesmanager", "dashboard");
            await page.WaitForInteractiveAsync("[data-testid=preset-30]");
            var funnelCount = page.Locator("[data-testid=funnel-count-New]");
            await Expect(funnelCount).ToBeVisibleAsync();
            var expected = ParseCount(await funnelCount.InnerTextAsync());
            Assert.True(expected >= 1);

            await page.Locator("[data-testid=funnel-table] tr[data-stage=New] a").ClickAsync();

            await page.WaitForAddressAsync(new Regex(@"/customers\?"));
            await Expect(page.Locator("[data-testid=activity-filter]")).ToContainTextAsync("Entered New");
            await Expect(page.Locator("[data-testid=result-count]")).ToHaveTextAsync(expected == 1 ? "1 card" : $"{expected:N0} cards");
        });
    }

    [Fact]
    public async Task TwoManagersWithDifferentFiltersAndARep_EachSeeExactlyTheirOwnFiguresUpdate()
    {
        var services = browser.App.Services;
        var lists = services.GetRequiredService<Dashboard.Domain.ReferenceData.ReferenceDataService>();
        var regions = await lists.GetListAsync(Dashboard.Domain.ReferenceData.ListKind.Region);
        var (watched, other) = (regions[0].Id, regions[1].Id);
        var eastRep = await services.ActorAsync("demo-sales");
        var westRep = await services.WestTeamRepAsync();
        await using var all = await browser.OpenAsync(output);
        await using var region = await browser.OpenAsync(output);
        await using var rep = await browser.OpenAsync(output);
        var prospects = new Dictionary<BrowserSession, ILocator>();
        foreach (var (session, user, address) in new[] { (all, "demo-salesmanager", "dashboard"), (region, "demo-salesmanager", $"dashboard?region={watched}"), (rep, "demo-sales", "dashboard") })
        {
            await session.RunAsync(async page =>
            {
                await page.SignInAsync(user, user == "demo-sales" ? "customers" : "dashboard");
                await page.GotoAsync(address);
                await page.WaitForInteractiveAsync("[data-testid=preset-30]");
                prospects[session] = page.Locator("[data-testid=funnel-count-Prospect]");
                await Expect(prospects[session]).ToBeVisibleAsync();
            });
        }

        async Task<int[]> CountsAsync() => [.. await Task.WhenAll(new[] { all, region, rep }.Select(async s => ParseCount(await prospects[s].InnerTextAsync())))];
        var start = await CountsAsync();

        // A West card in another region: only the manager who sees everything counts it.
        await services.CreateCardAsync(westRep, CardDraftBuilder.Individual("西区新客户").OwnedBy(westRep).InRegion(other));
        await Expect(prospects[all]).ToHaveTextAsync((start[0] + 1).ToString("N0", CultureInfo.CurrentCulture), new() { Timeout = 5_000 });

        // An East card in the watched region: all three count it.
        await services.CreateCardAsync(eastRep, CardDraftBuilder.Individual("东区新客户").OwnedBy(eastRep).InRegion(watched));
        await Expect(prospects[all]).ToHaveTextAsync((start[0] + 2).ToString("N0", CultureInfo.CurrentCulture), new() { Timeout = 5_000 });
        await Expect(prospects[region]).ToHaveTextAsync((start[1] + 1).ToString("N0", CultureInfo.CurrentCulture), new() { Timeout = 5_000 });
        await Expect(prospects[rep]).ToHaveTextAsync((start[2] + 1).ToString("N0", CultureInfo.CurrentCulture), new() { Timeout = 5_000 });

        Assert.Equal([start[0] + 2, start[1] + 1, start[2] + 1], await CountsAsync());
        await all.ScreenshotAsync("live-three-viewers-all");
        await region.ScreenshotAsync("live-three-viewers-region");
        await rep.ScreenshotAsync("live-three-viewers-rep");
    }

    private static async Task MoveStageAsync(IPage page, string stage)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Change stage" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = stage, Exact = true }).ClickAsync();
        await Expect(page.Locator($".mud-chip[data-stage={stage}]").First).ToBeVisibleAsync();
    }

    private static int ParseCount(string text) => int.Parse(text.Trim(), NumberStyles.AllowThousands, CultureInfo.CurrentCulture);
}
