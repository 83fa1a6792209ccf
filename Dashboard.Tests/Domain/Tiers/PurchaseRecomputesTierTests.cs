using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Tiers;

namespace Dashboard.Tests.Domain.Tiers;

/// <summary>Recording a purchase recomputes the card's tier in the same save, audited, with one notification.</summary>
public sealed class PurchaseRecomputesTierTests : TierTest
{
    [Fact]
    public async Task ANewCard_HasNoTierUntilItsFirstPurchase()
    {
        var card = await CardWithPurchasesAsync("王小明");

        var explanation = await ExplainAsync(card.Id);

        Assert.Equal((null, TierSource.Computed, null, true), (explanation.Tier, explanation.Source, explanation.ComputedTier, explanation.EverComputed));
        Assert.False(explanation.Assessment!.Figures.HasPurchases);
    }

    [Fact]
    public async Task RecordingAPurchase_RecomputesTheTierAndAuditsTheChangeInTheSameSave()
    {
        var card = await CardWithPurchasesAsync("王小明", (40, 150_000m));
        Published.Clear();

        await RecordAsync(card.Id, 10, 100_000m);

        var details = await App.GetCardAsync(SalesEast, card.Id);
        Assert.Equal(CustomerTier.A, details.Tier);
        var trail = await App.AuditTrailAsync(card.Code);
        Assert.Equal(["card.tier-computed", "card.purchase-recorded", "card.tier-computed", "card.purchase-recorded", "card.created"], trail.Select(e => e.Action));
        Assert.Equal([new FieldChange("Tier", "B", "A"), new FieldChange("ComputedTier", "B", "A")], trail[0].Changes);
        Assert.Equal(trail[0].At, trail[1].At);
        Assert.Contains("2 purchases worth CNY 250,000.00 in 12 months", trail[0].Summary, StringComparison.Ordinal);
        var change = Assert.Single(Published);
        Assert.Equal((CardChangeKind.PurchaseRecorded, details.Version), (change.Kind, change.Version));
    }

    [Fact]
    public async Task APurchaseThatLeavesTheTierAsItWas_AddsNoTierAuditEntry()
    {
        var card = await CardWithPurchasesAsync("王小明", (40, 1_000m));

        await RecordAsync(card.Id, 5, 2_000m);

        var trail = await App.AuditTrailAsync(card.Code);
        Assert.Single(trail, e => e.Action == "card.tier-computed");
        var explanation = await ExplainAsync(card.Id);
        Assert.Equal((CustomerTier.C, 2, 300_000L, App.Clock.Today.AddDays(-5)), (explanation.Tier, explanation.Assessment!.Figures.PurchaseCount, explanation.Assessment.Figures.MonetaryMinor, explanation.Assessment.Figures.LastPurchaseOn));
    }

    [Fact]
    public async Task APurchaseInAnotherCurrency_CountsForFrequencyButNotForValue()
    {
        var card = await CardWithPurchasesAsync("王小明", (40, 60_000m));

        await RecordAsync(card.Id, 3, 500_000m, "USD");

        var explanation = await ExplainAsync(card.Id);
        Assert.Equal((CustomerTier.B, 2, 6_000_000L), (explanation.Tier, explanation.Assessment!.Figures.PurchaseCount, explanation.Assessment.Figures.MonetaryMinor));
        Assert.Equal("CNY", explanation.Currency);
    }

    [Fact]
    public async Task TheExplanation_SaysWhichThresholdsTheCardMeets()
    {
        var card = await CardWithPurchasesAsync("王小明", (100, 150_000m), (20, 100_000m));

        var explanation = await ExplainAsync(card.Id);

        var assessment = explanation.Assessment!;
        Assert.Equal((CustomerTier.A, 20, App.Clock.Today), (assessment.Tier, assessment.DaysSinceLastPurchase, assessment.AsOf));
        Assert.Equal(
            [(CustomerTier.VIP, false, false, true), (CustomerTier.A, true, true, true), (CustomerTier.B, true, true, true)],
            assessment.Checks.Select(c => (c.Tier, c.MonetaryMet, c.PurchasesMet, c.RecencyMet)));
        Assert.False(explanation.RulesChangedSince);
        Assert.True(explanation.CanOverride);
    }
}
