using System.Text.RegularExpressions;
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
/// What a new user hit in daily use (issue 16), in a real browser at desktop and phone size: a negative purchase
/// amount is refused with the domain's message instead of being saved as 0.00, and the notification bell opens
/// a list of the decisions on the rep's changes, by mouse and by keyboard, and leads to the card.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DailyUseFormsBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string AmountMessage = "Enter the amount paid (more than zero).";

    private IServiceProvider Services => browser.App.Services;

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task SalesRep_TypingANegativeAmount_IsToldWhy_AndNoPurchaseIsSaved(int width, int height)
    {
        var rep = await Services.ActorAsync("demo-sales");
        var card = await Services.CreateCardAsync(rep, CardDraftBuilder.Individual($"负数金额客户{width}").OwnedBy(rep));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));

        await using var session = await browser.OpenAsync(output, new ViewportSize { Width = width, Height = height });
        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-sales");
            await page.GotoAsync($"customers/{card.Id}");
            await page.WaitForInteractiveAsync("#purchase-product");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Purchases" }).ClickAsync();

            await page.Locator("#purchase-product").FillAsync("Laser printer");
            var amount = page.Locator("#purchase-amount");
            await amount.FillAsync("-1200");
            await amount.PressAsync("Tab");

            // Leaving the field keeps what was typed and says why it will be refused, as the API does.
            await Expect(page.GetByText(AmountMessage)).ToBeVisibleAsync();
            await Expect(amount).Not.ToHaveValueAsync(new Regex(@"^0(\.00)?$"));

            await page.GetByRole(AriaRole.Button, new() { Name = "Record purchase" }).ClickAsync();
            await Expect(page.GetByText(AmountMessage)).ToBeVisibleAsync();
            await Expect(page.GetByText("Purchase recorded.")).ToHaveCountAsync(0);
            await session.ScreenshotAsync($"negative-purchase-{width}");

            // The date was left as it came: today in the display time zone, in the format the date error asks for.
            await Expect(page.Locator("#purchase-date")).ToHaveValueAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

            var saved = (await Services.GetRequiredService<CustomerCardQueries>().GetAsync(rep, card.Id)).Value!;
            Assert.Empty(saved.Purchases!);
            Assert.Null(saved.Tier);
            await AssertNoSidewaysScrollAsync(page, width);
        });
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task SalesRep_WhoseChangeWasRejected_OpensTheBellByKeyboardAndMouse_AndFollowsItToTheCard(int width, int height)
    {
        var reason = $"The customer did not confirm this number ({width})";
        var card = await RejectARepsPhoneChangeAsync(reason);
        var notifications = Services.GetRequiredService<NotificationService>();
        var rep = await Services.ActorAsync("demo-sales");
        var unread = await notifications.UnreadCountAsync(rep);
        Assert.True(unread > 0);

        await using var session = await browser.OpenAsync(output, new ViewportSize { Width = width, Height = height });
        await session.RunAsync(async page =>
        {
            await page.SignInAsync("demo-sales");
            await page.WaitForInteractiveAsync("#quick-search");

            var bell = page.GetByRole(AriaRole.Button, new() { Name = $"Notifications, {unread} unread", Exact = true });
            await Expect(bell).ToBeVisibleAsync();
            await Expect(bell).ToHaveAttributeAsync("aria-expanded", "false");
            await Expect(page.Locator("[data-testid=notification-count] .mud-badge")).ToHaveTextAsync(unread.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await session.ScreenshotAsync($"notification-bell-unread-{width}");

            // Keyboard: focus the bell and press Enter.
            await bell.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Notifications", Exact = true })).ToHaveAttributeAsync("aria-expanded", "true");
            var item = page.Locator("[data-testid=notification]").Filter(new() { HasText = reason });
            await Expect(item).ToBeVisibleAsync();
            await Expect(item).ToContainTextAsync($"rejected your contact point change on {card.Code}");
            await Expect(item).ToHaveAttributeAsync("href", new Regex($"customers/{card.Id}$"));
            await session.ScreenshotAsync($"notification-bell-open-{width}");

            // Opening the list marked the notifications read; the name no longer counts them.
            await WaitUntilAsync(async () => await notifications.UnreadCountAsync(rep) == 0, "the opened notifications were not marked read");
            await page.Keyboard.PressAsync("Escape");
            bell = page.GetByRole(AriaRole.Button, new() { Name = "Notifications", Exact = true });
            await Expect(bell).ToHaveAttributeAsync("aria-expanded", "false");
            await Expect(page.Locator("[data-testid=notification]")).ToHaveCountAsync(0);

            // Mouse: open again and follow the notification to the card.
            await bell.ClickAsync();
            await Expect(bell).ToHaveAttributeAsync("aria-expanded", "true");
            await item.ClickAsync();
            await page.WaitForAddressAsync(new Regex($"/customers/{card.Id}$"));
            await Expect(page.Locator("[data-testid=card-code]")).ToHaveTextAsync(card.Code);
            await session.ScreenshotAsync($"notification-followed-{width}");
            await AssertNoSidewaysScrollAsync(page, width);
        });
    }

    /// <summary>Zhang Wei (Sales) changes a phone on his card while the review queue is on; the East team lead rejects it.</summary>
    private async Task<CardRef> RejectARepsPhoneChangeAsync(string reason)
    {
        var rep = await Services.ActorAsync("demo-sales");
        var admin = await Services.ActorAsync("demo-admin");
        var lead = await Services.ActorAsync("demo-teamlead");
        var review = Services.GetRequiredService<ReviewService>();
        var card = await Services.CreateCardAsync(rep, CardDraftBuilder.Individual("通知客户").WithPhone("+8613812345678", "Mobile", primary: true).OwnedBy(rep));
        Assert.True((await review.SetEnabledAsync(admin, true)).Succeeded);
        try
        {
            var current = (await Services.GetRequiredService<CustomerCardQueries>().GetAsync(rep, card.Id)).Value!;
            var edit = current.ToDraft();
            edit.Phones[0].Value = "+8613987654321";
            Assert.True((await Services.GetRequiredService<CustomerCardService>().UpdateAsync(rep, card.Id, current.DetailsVersion, edit)).Succeeded);
            var pending = Assert.Single(await review.ListPendingAsync(lead), p => p.CardId == card.Id);
            Assert.True((await review.RejectAsync(lead, pending.Id, reason)).Succeeded);
        }
        finally
        {
            // The app is shared by the browser tests; the others expect the queue off.
            Assert.True((await review.SetEnabledAsync(admin, false)).Succeeded);
        }

        return card;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, int width)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow}px at {width}px wide.");
    }
}
