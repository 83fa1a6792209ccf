using System.Text.RegularExpressions;
using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// The import wizard in a real browser: a team lead uploads a small semicolon-separated file with Chinese headers,
/// sees the suggested columns, changes one, previews the rows with the bad cell marked, imports, downloads the error
/// report and finds an imported customer in the list.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportWizardTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task TeamLead_ImportsASmallFile_SeesTheBadCell_AndDownloadsTheErrorReport()
    {
        // Names no other browser test uses, so that no row is taken for a duplicate of another test's card.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var csv = $"姓名;手机;邮箱;备注\n导入甲{suffix};138 0013 {Random(4)};a{suffix}@example.com;只在上午联系\n导入乙{suffix};12345;b{suffix}@example.com;\nImport Three {suffix};+86 139-0013-{Random(4)};;VIP\n";
        await using var session = await browser.OpenAsync(output);

        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-teamlead");
            await page.WaitForInteractiveAsync("#quick-search");
            await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).ClickAsync();
            await page.WaitForAddressAsync(new Regex("/import$"));

            // InputFile is wired by Blazor's JS (it keeps "_blazorInputFile…" state on the element), not by event handlers.
            await page.WaitForFunctionAsync("() => Object.keys(document.querySelector('#import-file') ?? {}).some(k => k.startsWith('_blazor'))");

            await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
            {
                Name = "customers.csv",
                MimeType = "text/csv",
                Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
            });

            var mapping = page.Locator("[data-testid=mapping-table]");
            await Expect(mapping).ToBeVisibleAsync();
            await Expect(page.GetByText("customers.csv: 3 rows read (CSV, utf-8-bom, separated by \";\").")).ToBeVisibleAsync();
            await Expect(mapping.Locator("tbody tr").Nth(1)).ToContainTextAsync("Phone");
            await Expect(mapping.Locator("tbody tr").Nth(3)).ToContainTextAsync("Ignore");
            await mapping.Locator("tbody tr").Nth(3).Locator(".mud-select").First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Special needs", Exact = true }).ClickAsync();
            await Expect(mapping.Locator("tbody tr").Nth(3)).ToContainTextAsync("Special needs");
            await session.ScreenshotAsync("import-mapping");

            await page.Locator("[data-testid=import-preview]").ClickAsync();
            var preview = page.Locator("[data-testid=preview-table]");
            await Expect(preview).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=count-valid]")).ToHaveTextAsync("2");
            await Expect(page.Locator("[data-testid=count-invalid]")).ToHaveTextAsync("1");
            var badCell = preview.Locator("td[data-error=true]");
            await Expect(badCell).ToHaveCountAsync(1);
            await Expect(badCell).ToContainTextAsync("\"12345\" is not a valid phone number");
            await session.ScreenshotAsync("import-preview");

            await Expect(page.Locator("[data-testid=import-commit]")).ToHaveTextAsync("Import: 2 new cards, 0 updates");
            await page.Locator("[data-testid=import-commit]").ClickAsync();
            await Expect(page.Locator("[data-testid=import-result]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=count-created]")).ToHaveTextAsync("2");

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=import-result] [data-testid=download-errors]").ClickAsync());
            Assert.Equal("customers-errors.csv", download.SuggestedFilename);
            var report = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
            Assert.Contains("row,column,value,code,message", report, StringComparison.Ordinal);
            Assert.Contains("3,手机,12345,phone.invalid,", report, StringComparison.Ordinal);

            await page.GotoAsync("customers");
            await page.WaitForInteractiveAsync("#quick-search");
            await page.Locator("#quick-search").FillAsync($"导入甲{suffix}");
            var rows = page.Locator("[data-testid=customer-table] tbody tr");
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First).ToContainTextAsync($"导入甲{suffix}");
        });
    }

    private static string Random(int digits) => System.Security.Cryptography.RandomNumberGenerator.GetInt32((int)Math.Pow(10, digits)).ToString($"D{digits}", System.Globalization.CultureInfo.InvariantCulture);
}
