using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>The audit trail as an auditor and a team lead read it: stage and field names in words, not internal names.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditTrailBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData("demo-auditor", 1366, 768)]
    [InlineData("demo-auditor", 390, 844)]
    [InlineData("demo-teamlead", 1366, 768)]
    [InlineData("demo-teamlead", 390, 844)]
    public async Task AStageChange_ReadsAsAtRisk_NotAtRisk(string user, int width, int height)
    {
        var rep = await browser.App.Services.ActorAsync("demo-sales");
        var card = await browser.App.Services.CreateCardAsync(rep, Support.CardDraftBuilder.Individual($"审计阅读{user}{width}").OwnedBy(rep));
        var cards = browser.App.Services.GetRequiredService<CustomerCardService>();
        var version = card.Version;
        foreach (var stage in new[] { LifecycleStage.New, LifecycleStage.Active, LifecycleStage.AtRisk })
        {
            version = (await cards.ChangeStageAsync(rep, card.Id, version, stage)).Value;
        }

        await using var session = await browser.OpenAsync(output, new ViewportSize { Width = width, Height = height });
        await session.RunAsync(async page =>
        {
            await page.SignInAsync(user, expectedPath: user == "demo-auditor" ? "audit" : "customers");
            await page.GotoAsync($"audit?record={card.Code}");

            var table = page.Locator("[data-testid=audit-table]");
            await Expect(table).ToContainTextAsync("Active → At risk", new() { Timeout = 20_000 });
            Assert.DoesNotContain("AtRisk", await table.InnerTextAsync(), StringComparison.Ordinal);
            await session.ScreenshotAsync($"audit-trail-{user}-{width}");
        });
    }
}
