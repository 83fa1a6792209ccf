using Dashboard.Domain.Audit;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The pages the hardening changed, in a real browser at desktop and phone size: the audit chain panel listing every
/// broken entry, and the Admin's sessions page ending a person's sessions.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityPagesBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task AnAuditor_VerifiesTheChain_AndSeesEveryBrokenEntryListed(int width, int height)
    {
        var rep = await browser.App.Services.ActorAsync("demo-sales");
        for (var i = 0; i < 4; i++)
        {
            await browser.App.Services.CreateCardAsync(rep, Support.CardDraftBuilder.Individual($"审计客户{width}-{i}").OwnedBy(rep));
        }

        var factory = browser.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            // Two entries rewritten as an attacker with the file would (the guard trigger dropped, then put back).
            var ids = await db.AuditEntries.OrderByDescending(a => a.Id).Select(a => a.Id).Take(4).ToListAsync();
            await db.Database.ExecuteSqlRawAsync($"DROP TRIGGER \"{AuditChainSchema.NoUpdateTrigger}\";");
            await db.Database.ExecuteSqlAsync($"UPDATE AuditTrail SET Summary = 'nothing happened' WHERE Id IN ({ids[1]}, {ids[3]})");
            await db.Database.ExecuteSqlRawAsync(AuditChainSchema.CreateNoUpdateTrigger);
        }

        await using var session = await browser.OpenAsync(output, new ViewportSize { Width = width, Height = height });
        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-auditor", expectedPath: "audit");
            await page.WaitForInteractiveAsync("[data-testid=audit-verify]");

            await page.Locator("[data-testid=audit-verify]").ClickAsync();

            var result = page.Locator("[data-testid=audit-chain-result]");
            await Expect(result).ToContainTextAsync("Audit chain broken:", new LocatorAssertionsToContainTextOptions { Timeout = 15_000 });
            Assert.True(await page.Locator("[data-testid=audit-chain-breaks] li").CountAsync() >= 2);
            await session.ScreenshotAsync($"audit-breaks-{width}");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The audit page scrolls sideways by {overflow}px at {width}px wide.");
        });
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task AnAdmin_SeesWhoIsSignedIn_AndEndsAPersonsSessions(int width, int height)
    {
        await using var rep = await browser.OpenAsync(output, new ViewportSize { Width = 1366, Height = 768 });
        await rep.RunAsync(page => page.SignInAsync("demo-sales"));
        await using var session = await browser.OpenAsync(output, new ViewportSize { Width = width, Height = height });
        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-admin");
            await page.GotoAsync("admin/sessions");
            await page.WaitForInteractiveAsync("[data-testid=end-all-sessions]");
            var row = page.Locator("[data-testid=session-row][data-staff^='Zhang Wei']").First;
            await Expect(row).ToBeVisibleAsync();
            await session.ScreenshotAsync($"admin-sessions-{width}");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The sessions page scrolls sideways by {overflow}px at {width}px wide.");

            var endAll = page.Locator("[data-testid=end-all-sessions][data-staff^='Zhang Wei']").First;
            await Expect(endAll).ToBeInViewportAsync();
            await endAll.ClickAsync();

            await Expect(page.Locator("[data-testid=session-row][data-staff^='Zhang Wei']")).ToHaveCountAsync(0);
            await session.ScreenshotAsync($"admin-sessions-ended-{width}");
        });

        // The rep's browser is signed out: the next page it asks for is the sign-in page.
        await rep.RunAsync(async page =>
        {
            await page.GotoAsync("customers");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/login"));
        });
    }
}
