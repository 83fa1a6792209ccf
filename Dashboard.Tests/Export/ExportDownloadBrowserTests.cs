using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Tests.EndToEnd;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Export;

/// <summary>A team lead filters the customer list, picks Export → CSV, and the browser saves the filtered cards.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExportDownloadBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task ExportMenu_DownloadsTheFilteredListAsCsv()
    {
        var services = browser.App.Services;
        var rep = await services.ActorAsync("demo-sales");
        var marker = $"下载{Guid.NewGuid():N}"[..10];
        await services.CreateCardAsync(rep, CardDraftBuilder.Individual(marker + " 甲").InStage(LifecycleStage.New));
        await services.CreateCardAsync(rep, CardDraftBuilder.Individual(marker + " 乙").InStage(LifecycleStage.New));
        await services.CreateCardAsync(rep, CardDraftBuilder.Individual(marker + " 丙").InStage(LifecycleStage.Prospect));
        var teamLead = await services.ActorAsync("demo-teamlead");
        var list = await services.GetRequiredService<CustomerCardQueries>().ListAsync(teamLead, new CardListQuery { Stage = LifecycleStage.New, Search = marker });
        await using var session = await browser.OpenAsync(output);

        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-teamlead");
            await page.GotoAsync($"customers?stage=New&q={Uri.EscapeDataString(marker)}");
            await page.WaitForInteractiveAsync("[data-testid=export-menu] button");
            await Expect(page.Locator("[data-testid=result-count]")).ToContainTextAsync("2");
            await page.Locator("[data-testid=export-menu] button").ClickAsync();

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-csv]").ClickAsync());

            Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
            var path = await download.PathAsync();
            var rows = ExportFiles.ReadCsv(await File.ReadAllBytesAsync(path!));
            Assert.Equal(list.Items.Select(c => c.Code).Order(), ExportFiles.Column(rows, "Code").Order());
            Assert.All(ExportFiles.Column(rows, "Name"), name => Assert.StartsWith(marker, name, StringComparison.Ordinal));
            Assert.EndsWith($"customers?stage=New&q={Uri.EscapeDataString(marker)}", page.Url, StringComparison.Ordinal);
        });
    }
}
