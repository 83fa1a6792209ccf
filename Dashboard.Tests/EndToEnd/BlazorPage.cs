using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Dashboard.Tests.EndToEnd;

/// <summary>Steps every browser test takes: signing in, and waiting for a prerendered page to become interactive.</summary>
public static class BlazorPage
{
    /// <summary>
    /// True once Blazor has attached its event handlers to the element (it stores them under an
    /// "_blazorEvents_N" property). Until then the page is the prerendered HTML and typing into it is lost.
    /// </summary>
    private const string HasBlazorHandlers =
        "selector => { const el = document.querySelector(selector); return !!el && Object.keys(el).some(k => k.startsWith('_blazorEvents_')); }";

    /// <summary>Signs in through the development login page as a person clicking a demo user's button.</summary>
    public static async Task SignInAsync(this IPage page, string externalId, string expectedPath = "customers")
    {
        await page.GotoAsync("account/login");
        await page.Locator($"[data-testid=signin-{externalId}]").ClickAsync();
        await page.WaitForURLAsync($"**/{expectedPath}", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>
    /// Waits until the address matches <paramref name="url"/>, polling it. After a click, Blazor changes the address with
    /// history.pushState, possibly before a navigation waiter is registered; a waiter for the navigation event can
    /// then miss it, while polling the address cannot.
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, Regex url) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new PageAssertionsToHaveURLOptions { Timeout = 15_000 });

    /// <summary>Waits until the circuit is up and the element at <paramref name="selector"/> reacts to input.</summary>
    public static async Task WaitForInteractiveAsync(this IPage page, string selector)
    {
        await page.WaitForFunctionAsync(HasBlazorHandlers, selector, new PageWaitForFunctionOptions { Timeout = 20_000, PollingInterval = 100 });
    }
}
