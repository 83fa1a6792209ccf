using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.ReferenceData;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// Names people type (a region, a staff member's display name) reach the charts' tooltips, which ApexCharts
/// writes as HTML. A region named like an image tag and an owner named with a bold tag must read as that
/// literal text in the tooltip and on the axis, and no element may come of them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartTextEscapingTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string RegionName = "<img src=x onerror=alert(1)>";
    private const string OwnerName = "<b id=owned>Bold</b>";
    private const string Chart = "tier-group-chart";

    /// <summary>Counts the elements the names would have become, had they been read as markup, anywhere on the page.</summary>
    private const string ElementsFromNames =
        "() => document.querySelectorAll('img[src=\"x\"], b#owned').length";

    [Theory]
    [InlineData("region", 1366, 768)]
    [InlineData("owner", 390, 844)]
    public async Task HtmlInARegionOrOwnerName_ReadsAsTextInTheTooltip_AndBecomesNoElement(string grouping, int width, int height)
    {
        var ownerId = await EnsureCardsWithHtmlNamesAsync();
        var (path, name) = grouping == "region"
            ? ("dashboard?by=Region", RegionName)
            : ($"dashboard?owner={ownerId}", OwnerName);
        await using var session = await browser.OpenAsync(output, new ViewportSize { Width = width, Height = height });
        var dialogs = new List<string>();
        session.Page.Dialog += async (_, dialog) =>
        {
            dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        // Without animations the bars are where they end up at once; the script is injected by the
        // debugging protocol, so the policy under test does not apply to it.
        await session.Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await session.Page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
                window.__cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' ' + (e.sample || '')));
            """);

        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-salesmanager", "dashboard");
            await page.GotoAsync(path);
            await page.WaitForInteractiveAsync("[data-testid=preset-30]");

            // The accessible table holds the name as text (Blazor escapes it); its row says which bar to hover.
            var rowHeaders = page.Locator($"[data-testid={Chart}-table] tbody th");
            await Expect(rowHeaders.Filter(new() { HasTextString = name })).ToHaveCountAsync(1);
            var index = (await rowHeaders.AllTextContentsAsync()).ToList().FindIndex(t => t.Trim() == name);
            Assert.True(index >= 0, $"The table has no row for {name}.");

            await HoverBarAsync(page, index);
            var tooltip = page.Locator($"[data-testid={Chart}] .apexcharts-tooltip.apexcharts-active");
            await Expect(tooltip).ToBeVisibleAsync();
            var shot = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"chart-escape-{grouping}-{width}x{height}.png"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
            output.WriteLine($"Screenshot: {shot}");

            Assert.Equal(0, await page.EvaluateAsync<int>(ElementsFromNames));
            Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__cspViolations"));
            Assert.Empty(dialogs);
            await Expect(tooltip.Locator(".apexcharts-tooltip-title")).ToHaveTextAsync(name);
            // The axis label is SVG text: the literal name, not its escaped form.
            var axisText = await page.Locator($"[data-testid={Chart}] .apexcharts-yaxis").First.TextContentAsync();
            Assert.Contains(name, axisText, StringComparison.Ordinal);
            Assert.DoesNotContain("&lt;", axisText, StringComparison.Ordinal);
        });
    }

    /// <summary>Moves the mouse onto the widest segment of the category's stacked bar, which opens its tooltip.</summary>
    private static async Task HoverBarAsync(IPage page, int index)
    {
        await page.Locator($"[data-testid={Chart}]").ScrollIntoViewIfNeededAsync();
        var centre = await page.WaitForFunctionAsync(
            """
            ([chart, j]) => {
                const bars = [...document.querySelectorAll(`[data-testid=${chart}] path.apexcharts-bar-area[j="${j}"]`)];
                const rect = bars.map(b => b.getBoundingClientRect()).sort((a, b) => b.width - a.width)[0];
                return rect && rect.width > 2 && rect.height > 2 ? { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 } : null;
            }
            """,
            new object[] { Chart, index },
            new PageWaitForFunctionOptions { Timeout = 10_000, PollingInterval = 100 });
        var x = await centre.EvaluateAsync<float>("p => p.x");
        var y = await centre.EvaluateAsync<float>("p => p.y");
        await page.Mouse.MoveAsync(x - 1, y);
        await page.Mouse.MoveAsync(x, y);
    }

    /// <summary>
    /// Once per app: an Admin adds the region, a rep whose display name holds HTML signs in for the first time,
    /// and that rep files a card in that region. Returns the rep's staff id.
    /// </summary>
    private async Task<Guid> EnsureCardsWithHtmlNamesAsync()
    {
        var services = browser.App.Services;
        var staff = await services.GetRequiredService<StaffDirectory>().EnsureAsync("test-html-owner", OwnerName, "html.owner@example.com", Actors.EastTeam);
        Assert.Equal(OwnerName, staff.DisplayName);
        var lists = services.GetRequiredService<ReferenceDataService>();
        if ((await lists.GetListAsync(ListKind.Region)).Any(i => i.Name == RegionName))
        {
            return staff.Id;
        }

        var region = await lists.AddItemAsync(await services.ActorAsync("demo-admin"), ListKind.Region, RegionName);
        Assert.True(region.Succeeded, TestDashboard.Describe(region));
        var owner = new Actor(staff.Id, staff.DisplayName, new HashSet<Role> { Role.Sales }, staff.TeamId);
        await services.CreateCardAsync(owner, CardDraftBuilder.Individual("标签测试").OwnedBy(owner).InRegion(region.Value));
        return staff.Id;
    }
}
