using System.Security.Claims;
using Bunit;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Tiers;
using Dashboard.Web.Components.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Tiers;

/// <summary>The Admin's tier rules page: inline validation as the Admin types, saving, and recomputing with a summary.</summary>
public sealed class TiersPageTests : ComponentTest
{
    public TiersPageTests()
    {
        var admin = DemoUsers.Find("demo-admin")!;
        Context.AddAuthorization()
            .SetAuthorized(admin.DisplayName)
            .SetRoles(admin.Role.ToString())
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, admin.ExternalId), new Claim(ClaimTypes.Email, admin.Email));
    }

    [Fact]
    public void AHigherTierAskingLessThanTheOneBelow_IsFlaggedOnItsField()
    {
        var cut = RenderInLayout<TiersPage>();
        cut.WaitForElement("input[data-testid=VIP-MinMonetary]");

        cut.Find("input[data-testid=VIP-MinMonetary]").Change("100000");

        cut.WaitForAssertion(() => Assert.Contains(
            "VIP must ask at least the value A asks (CNY 200,000.00).",
            cut.Find("tr[data-tier=VIP]").TextContent,
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task SavingValidRules_SavesThemAndReportsTheRecompute()
    {
        var cut = RenderInLayout<TiersPage>();
        cut.WaitForElement("input[data-testid=window-months]");

        cut.Find("input[data-testid=window-months]").Change("6");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("0 cards checked, 0 changed tier.", cut.Find("[data-testid=recompute-result]").TextContent, StringComparison.Ordinal));
        var policy = await Context.Services.GetRequiredService<TierQueries>().GetPolicyAsync();
        Assert.Equal((6, 2), (policy.Rules.WindowMonths, policy.Version));
    }

    [Fact]
    public void RecomputeNow_ShowsHowManyCardsWereCheckedAndChanged()
    {
        var cut = RenderInLayout<TiersPage>();
        cut.WaitForElement("[data-testid=recompute-all]");

        cut.Find("[data-testid=recompute-all]").Click();

        cut.WaitForAssertion(() => Assert.Contains("0 cards checked, 0 changed tier.", cut.Find("[data-testid=recompute-result]").TextContent, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.DoesNotContain("never", cut.Find("[data-testid=last-recomputed]").TextContent, StringComparison.Ordinal));
    }
}
