using System.Text.RegularExpressions;
using Dashboard.Domain.Access;
using Dashboard.Tests.EndToEnd;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.Tests.SignIn;

/// <summary>
/// Signing in and out through a real OpenID Connect provider shaped like an Entra tenant: the browser goes to the
/// provider, the person types their password there, and the app's Microsoft.Identity.Web code path does the rest.
/// </summary>
[Collection(OidcSignInCollection.Name)]
public sealed class OidcSignInTests(OidcSignInFixture fixture, ITestOutputHelper output)
{
    private const string ManagerOid = "a1b2c3d4-0000-4000-8000-000000000001";
    private const string SalesOid = "a1b2c3d4-0000-4000-8000-000000000002";
    private const string NoRoleOid = "a1b2c3d4-0000-4000-8000-000000000003";
    private const string NoAccess = "You do not have access to this page.";

    [Fact]
    public async Task SalesManager_SignsInAtTheProvider_LandsOnTheDashboard_AndSignsOutThroughTheProvider()
    {
        await using var session = await fixture.OpenAsync(output);

        await session.RunAsync(async page =>
        {
            await page.GotoAsync(string.Empty);
            await SignInAtProviderAsync(page, "manager@contoso.test", "Manager-Pass-1");

            // Back on the app, on the sales manager's start page, with the person and role in the top bar.
            await page.WaitForAddressAsync(AppPath("dashboard"));
            var user = page.Locator("[data-testid=signed-in-user]");
            await Expect(user).ToContainTextAsync("Mei Manager");
            await Expect(user).ToContainTextAsync("Sales manager");

            // The role decides what opens: the list yes (read-only), a new card no.
            await page.GotoAsync("customers");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByText(NoAccess)).ToHaveCountAsync(0);
            await page.GotoAsync("customers/new");
            await Expect(page.GetByText(NoAccess)).ToBeVisibleAsync();

            // Sign out from the top bar: the provider ends its session and sends the browser back to the app.
            await page.GotoAsync("dashboard");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(ProviderPath("oauth2/v2.0/logout"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
            await page.WaitForAddressAsync(AppPath("account/signed-out"));
            await Expect(page.Locator("[data-testid=signed-out]")).ToBeVisibleAsync();

            // Signed out at both ends: a protected page sends the browser to the provider's sign-in form again.
            await page.GotoAsync("customers");
            await Expect(page).ToHaveURLAsync(ProviderPath("login/"));
            await Expect(page.Locator("#username")).ToBeVisibleAsync();
        });

        var audit = await fixture.AuditOfAsync(ManagerOid);
        var actions = audit.Select(e => e.Action).ToList();
        Assert.Contains(SignInAudit.SignedInAction, actions);
        Assert.Contains(SignInAudit.SignedOutAction, actions);
        Assert.True(actions.IndexOf(SignInAudit.SignedInAction) < actions.LastIndexOf(SignInAudit.SignedOutAction));
        var signedIn = audit.First(e => e.Action == SignInAudit.SignedInAction);
        Assert.Equal("Mei Manager", signedIn.ActorName);
        Assert.Contains("Entra ID as SalesManager", signedIn.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SalesRep_SignsIn_LandsOnTheCustomerList_AndCannotOpenTheAuditTrail()
    {
        await using var session = await fixture.OpenAsync(output);

        await session.RunAsync(async page =>
        {
            await page.GotoAsync("audit");
            await SignInAtProviderAsync(page, "sales@contoso.test", "Sales-Pass-1");

            // The page asked for comes back after sign-in, and the role decides: a sales rep may not read the trail.
            await Expect(page.GetByText(NoAccess)).ToBeVisibleAsync();
            Assert.DoesNotContain("/signin-oidc", page.Url, StringComparison.Ordinal);
            await page.GotoAsync(string.Empty);
            await page.WaitForAddressAsync(AppPath("customers"));
            await Expect(page.Locator("[data-testid=signed-in-user]")).ToContainTextAsync("Sam Sales");
        });

        Assert.True(await fixture.HasStaffAsync(SalesOid), "The first sign-in links the Entra object id to a staff record.");
        Assert.Contains(await fixture.AuditOfAsync(SalesOid), e => e.Action == SignInAudit.SignedInAction);
    }

    [Fact]
    public async Task PersonWithoutAnAppRole_IsRefusedWithAClearPage_AndGetsNoSession()
    {
        await using var session = await fixture.OpenAsync(output);

        await session.RunAsync(async page =>
        {
            await page.GotoAsync("customers");
            await SignInAtProviderAsync(page, "norole@contoso.test", "NoRole-Pass-1");

            await page.WaitForAddressAsync(AppPath("account/refused"));
            await Expect(page.Locator("[data-testid=signin-refused]")).ToContainTextAsync("Your account has no role in this application");
            await Expect(page.Locator("[data-testid=signed-in-user]")).ToHaveCountAsync(0);

            // No app session was made: asking for a page goes through the provider again and is refused again.
            await page.GotoAsync("customers");
            await page.WaitForAddressAsync(AppPath("account/refused"));
        });

        var audit = await fixture.AuditOfAsync(NoRoleOid);
        Assert.NotEmpty(audit);
        Assert.All(audit, e => Assert.Equal(SignInAudit.RefusedAction, e.Action));
        Assert.Contains("no app role", audit[0].Summary, StringComparison.Ordinal);
        Assert.False(await fixture.HasStaffAsync(NoRoleOid), "A refused person gets no staff record.");
    }

    /// <summary>The provider's own sign-in form, as a person fills it in.</summary>
    private async Task SignInAtProviderAsync(IPage page, string username, string password)
    {
        await Expect(page).ToHaveURLAsync(ProviderPath("login/"));
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#signin").ClickAsync();
    }

    private Regex AppPath(string path) =>
        new($"^{Regex.Escape(fixture.AppAddress.GetLeftPart(UriPartial.Authority))}/{Regex.Escape(path)}(\\?.*)?$");

    private Regex ProviderPath(string path) =>
        new($"^{Regex.Escape(fixture.Provider.Instance + LoopbackOidcProvider.TenantId)}/(v2\\.0/)?{Regex.Escape(path)}");
}
