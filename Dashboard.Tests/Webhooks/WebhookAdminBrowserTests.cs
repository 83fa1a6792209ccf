using System.Security.Cryptography;
using System.Text;
using Dashboard.Domain.Webhooks;
using Dashboard.Tests.EndToEnd;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.Webhooks;

/// <summary>
/// An Admin registers a receiver in the browser for one event, copies the secret shown once, sends a test event,
/// finds it delivered in the delivery log (the receiver verifies the signature with that secret), and deletes it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebhookAdminBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task AnAdmin_RegistersAnEndpoint_SendsATestEvent_AndSeesItDelivered()
    {
        await using var session = await browser.OpenAsync(output);

        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-admin");
            await page.GotoAsync("admin/webhooks");
            await page.WaitForInteractiveAsync("[data-testid=register-webhook]");
            await page.Locator("input[data-testid=webhook-url]").FillAsync(_receiver.Url.ToString());

            // Only merges: the cards other browser tests create never reach this receiver.
            await page.GetByLabel("card.created").UncheckAsync();
            await page.GetByLabel("card.updated").UncheckAsync();
            await page.GetByLabel("card.stage_changed").UncheckAsync();

            await page.Locator("[data-testid=register-webhook]").ClickAsync();

            var secret = await page.Locator("[data-testid=webhook-secret-value]").InnerTextAsync();
            Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
            var row = page.Locator("[data-testid=webhook-endpoints] tr", new() { HasText = _receiver.Url.ToString() });
            await Expect(row).ToBeVisibleAsync();
            await Expect(row).ToContainTextAsync("card.merged");
            await Expect(row).Not.ToContainTextAsync("card.created");

            await row.Locator("[data-testid=test-webhook]").ClickAsync();
            var request = Assert.Single(await _receiver.WaitForAsync(1));
            var timestamp = request.Header(WebhookHeaders.Timestamp);
            var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret.Trim()), Encoding.UTF8.GetBytes(timestamp + "." + request.Body))).ToLowerInvariant();
            Assert.Equal(expected, request.Header(WebhookHeaders.Signature));

            await page.GotoAsync("admin/webhooks/deliveries");
            await Expect(page.Locator("[data-testid=delivery-table] tbody tr").First).ToContainTextAsync("webhook.test");
            // The receiver has the call; the worker records "Delivered" once the response is in. The page shows the
            // state at the time it loads (like any list), so reload until the worker has recorded it.
            var status = page.Locator("[data-testid=delivery-status]").First;
            for (var i = 0; i < 30 && (await status.TextContentAsync())?.Trim() != "Delivered"; i++)
            {
                await Task.Delay(500);
                await page.ReloadAsync();
            }
            await Expect(status).ToHaveTextAsync("Delivered");

            await page.GotoAsync("admin/webhooks");
            await Expect(page.Locator("[data-testid=webhook-endpoints]")).ToContainTextAsync(_receiver.Url.ToString());
            await Expect(page.Locator("[data-testid=webhook-secret-value]")).ToHaveCountAsync(0);
            Assert.DoesNotContain(secret.Trim(), await page.ContentAsync(), StringComparison.Ordinal);

            await page.WaitForInteractiveAsync("[data-testid=delete-webhook]");
            await row.Locator("[data-testid=delete-webhook]").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
        });
    }
}
