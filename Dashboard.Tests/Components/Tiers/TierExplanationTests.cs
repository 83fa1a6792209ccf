using System.Globalization;
using Bunit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Tiers;
using Dashboard.Tests.Support;
using Dashboard.Web.Components.Customers;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Tiers;

/// <summary>The card says why it has its tier: the figures and thresholds, or who set it by hand and why.</summary>
public sealed class TierExplanationTests : ComponentTest
{
    private CustomerCardService Cards => Context.Services.GetRequiredService<CustomerCardService>();

    private CustomerCardQueries Queries => Context.Services.GetRequiredService<CustomerCardQueries>();

    [Fact]
    public async Task AComputedTier_IsExplainedWithTheFiguresAndWhichThresholdsAreMet()
    {
        var card = await CardWithPurchaseAsync(60_000m);

        var cut = RenderInLayout<TierExplanation>(p => p.Add(e => e.Card, card));

        cut.WaitForAssertion(() => Assert.Contains(
            $"Computed tier B: 1 purchase worth CNY {60_000m.ToString("N0", CultureInfo.CurrentCulture)} in the 12 months to ",
            cut.Find("[data-testid=tier-summary]").TextContent,
            StringComparison.Ordinal));
        var checks = cut.FindAll("[data-testid=tier-check]");
        Assert.Equal(["VIP", "A", "B"], checks.Select(row => row.GetAttribute("data-tier")));
        Assert.Equal(["false", "false", "true"], checks[1].QuerySelectorAll("[data-met]").Select(mark => mark.GetAttribute("data-met")));
        Assert.All(checks[2].QuerySelectorAll("[data-met]"), mark => Assert.Equal("true", mark.GetAttribute("data-met")));
        Assert.Empty(cut.FindAll("[data-testid=tier-override]"));
    }

    [Fact]
    public async Task ATierSetByHand_SaysByWhomAndWhy_AndCanBeReturnedToTheComputedTier()
    {
        var card = await CardWithPurchaseAsync(60_000m);
        var me = await SignedInActorAsync();
        Assert.True((await Cards.SetTierAsync(me, card.Id, card.Version, CustomerTier.A, "Strategic account")).Succeeded);
        card = (await Queries.GetAsync(me, card.Id)).Value!;
        var dialogs = Context.Render<MudDialogProvider>();

        var cut = RenderInLayout<TierExplanation>(p => p.Add(e => e.Card, card));

        cut.WaitForAssertion(() =>
        {
            var text = cut.Find("[data-testid=tier-override]").TextContent;
            Assert.Contains("Set by hand to A by Zhang Wei (Sales) on ", text, StringComparison.Ordinal);
            Assert.Contains(": Strategic account (computed tier: B).", text, StringComparison.Ordinal);
        });
        // The button's handler waits for the dialog to close, so it is not awaited here.
        cut.Find("[data-testid=return-to-computed]").Click();
        await dialogs.WaitForElement("[data-testid=tier-dialog-save]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=tier-override]")));
        Assert.Equal(CustomerTier.B, (await Queries.GetAsync(me, card.Id)).Value!.Tier);
    }

    [Fact]
    public async Task ACardWithoutPurchases_SaysItHasNoTierYet()
    {
        var me = await SignedInActorAsync();
        var created = await CreateCardAsync(me, CardDraftBuilder.Individual("李雷"));
        var card = (await Queries.GetAsync(me, created.Id)).Value!;

        var cut = RenderInLayout<TierExplanation>(p => p.Add(e => e.Card, card));

        cut.WaitForAssertion(() => Assert.Equal("No tier: no purchases recorded yet.", cut.Find("[data-testid=tier-summary]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=tier-thresholds]"));
    }

    private async Task<CardDetails> CardWithPurchaseAsync(decimal amount)
    {
        var me = await SignedInActorAsync();
        var created = await CreateCardAsync(me, CardDraftBuilder.Individual("王小明"));
        var recorded = await Cards.RecordPurchaseAsync(me, created.Id, new PurchaseDraft
        {
            Product = "Industrial printer",
            PurchasedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10),
            Quantity = 1,
            Amount = amount,
        });
        Assert.True(recorded.Succeeded, TestDashboard.Describe(recorded));
        return (await Queries.GetAsync(me, created.Id)).Value!;
    }
}
