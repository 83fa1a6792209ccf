using Dashboard.Domain.Customers;
using Dashboard.Domain.Review;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.EndToEnd;

/// <summary>
/// A sales rep changes a phone while the review queue is on: the app says the change awaits a team lead's approval (not
/// "Changes saved."), and the card shows the pending number formatted as everywhere else.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HeldChangeBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task AHeldPhoneChange_IsReportedAsAwaitingApproval_WithThePendingNumberFormatted(int width, int height)
    {
        var services = browser.App.Services;
        var rep = await services.ActorAsync("demo-sales");
        var admin = await services.ActorAsync("demo-admin");
        var review = services.GetRequiredService<ReviewService>();
        var card = await services.CreateCardAsync(rep, CardDraftBuilder.Individual($"待审客户{width}").WithPhone("+8613812345678", "Mobile", primary: true).OwnedBy(rep));
        var newNumber = $"139 {Random.Shared.Next(1000, 9999)} {Random.Shared.Next(1000, 9999)}";
        Assert.True((await review.SetEnabledAsync(admin, true)).Succeeded);
        try
        {
            await using var session = await browser.OpenAsync(output, new ViewportSize { Width = width, Height = height });
            await session.RunAsync(async page =>
            {
                await page.SignInAsync("demo-sales");
                await page.GotoAsync($"customers/{card.Id}");
                await page.WaitForInteractiveAsync(".mud-menu button");
                await page.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
                var phone = page.Locator($"input[id='{CardDraft.PhoneField(0)}']");
                await phone.FillAsync(newNumber);
                await phone.BlurAsync();
                await page.Locator("[data-testid=save-card]").ClickAsync();

                await Expect(page.GetByText("Saved. The phone and e-mail changes await a team lead's approval.")).ToBeVisibleAsync();
                await Expect(page.GetByText("Changes saved.")).ToHaveCountAsync(0);
                await Expect(page.Locator("[data-testid=pending-added]")).ToContainTextAsync("+86 " + newNumber);
                await session.ScreenshotAsync($"held-phone-change-{width}");
            });
        }
        finally
        {
            // The app is shared by the browser tests; the others expect the queue off.
            Assert.True((await review.SetEnabledAsync(admin, false)).Succeeded);
        }
    }
}
