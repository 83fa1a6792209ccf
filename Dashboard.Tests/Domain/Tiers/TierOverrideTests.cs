using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Tiers;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain.Tiers;

/// <summary>A tier set by hand needs a reason, is audited, survives recomputation, and can be returned to the computed tier.</summary>
public sealed class TierOverrideTests : TierTest
{
    [Fact]
    public async Task AManualTier_SurvivesRecomputation_WhileTheComputedTierStaysCurrent()
    {
        var card = await CardWithPurchasesAsync("王小明", (30, 60_000m));
        var version = (await App.GetCardAsync(SalesEast, card.Id)).Version;
        Assert.True((await App.Cards.SetTierAsync(SalesEast, card.Id, version, CustomerTier.VIP, "Group headquarters decided")).Succeeded);

        App.Clock.Advance(TimeSpan.FromDays(400));
        var report = await RecomputeAsync();

        var explanation = await ExplainAsync(card.Id);
        Assert.Equal((CustomerTier.VIP, TierSource.Manual, CustomerTier.C), (explanation.Tier, explanation.Source, explanation.ComputedTier));
        Assert.Equal(("Zhang Wei", "Group headquarters decided"), (explanation.Override!.SetByName, explanation.Override.Reason));
        Assert.Equal(1, report.Changed);
        var entry = (await App.AuditTrailAsync(card.Code))[0];
        Assert.Equal(("card.tier-computed", "Sam Admin"), (entry.Action, entry.ActorName));
        Assert.Equal([new FieldChange("ComputedTier", "B", "C")], entry.Changes);
    }

    [Fact]
    public async Task ClearingTheOverride_RestoresTheComputedTierAndIsAudited()
    {
        var card = await CardWithPurchasesAsync("王小明", (30, 60_000m));
        var set = await App.Cards.SetTierAsync(SalesEast, card.Id, (await App.GetCardAsync(SalesEast, card.Id)).Version, CustomerTier.VIP, "Strategic");
        Published.Clear();

        var cleared = await App.Cards.ClearTierOverrideAsync(SalesEast, card.Id, set.Value, "Contract ended");

        Assert.True(cleared.Succeeded, TestDashboard.Describe(cleared));
        var details = await App.GetCardAsync(SalesEast, card.Id);
        Assert.Equal((CustomerTier.B, null), (details.Tier, details.TierReason));
        var entry = (await App.AuditTrailAsync(card.Code))[0];
        Assert.Equal("card.tier-override-cleared", entry.Action);
        Assert.Contains("Contract ended", entry.Summary, StringComparison.Ordinal);
        Assert.Equal(
            [new FieldChange("Tier", "VIP", "B"), new FieldChange("TierSource", "Manual", "Computed"), new FieldChange("TierReason", "Strategic", null)],
            entry.Changes);
        Assert.Equal(CardChangeKind.TierChanged, Assert.Single(Published).Kind);
    }

    [Fact]
    public async Task ClearingWhenTheTierIsNotSetByHand_IsRefusedAndWritesNothing()
    {
        var card = await CardWithPurchasesAsync("王小明", (30, 60_000m));
        var before = await App.AuditTrailAsync(card.Code);

        var result = await App.Cards.ClearTierOverrideAsync(SalesEast, card.Id, (await App.GetCardAsync(SalesEast, card.Id)).Version);

        Assert.Equal("tier.not-overridden", Assert.Single(result.Errors).Code);
        Assert.Equal(before.Count, (await App.AuditTrailAsync(card.Code)).Count);
    }

    [Fact]
    public async Task SettingByHandTheTierTheCardHasByComputation_PinsIt()
    {
        var card = await CardWithPurchasesAsync("王小明", (30, 60_000m));

        var result = await App.Cards.SetTierAsync(SalesEast, card.Id, (await App.GetCardAsync(SalesEast, card.Id)).Version, CustomerTier.B, "Keep B during the reorganisation");

        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        var entry = (await App.AuditTrailAsync(card.Code))[0];
        Assert.Equal([new FieldChange("TierSource", "Computed", "Manual"), new FieldChange("TierReason", null, "Keep B during the reorganisation")], entry.Changes);
    }

    [Fact]
    public async Task OnlyThoseWhoMayEditTheCard_MaySetOrClearItsTier()
    {
        var card = await CardWithPurchasesAsync("王小明", (30, 60_000m));
        var version = (await App.GetCardAsync(SalesEast, card.Id)).Version;

        var bySalesWest = await App.Cards.SetTierAsync(Actors.SalesWest, card.Id, version, CustomerTier.A, "Not mine");
        var byAdmin = await App.Cards.ClearTierOverrideAsync(Actors.Admin, card.Id, version);

        Assert.Equal((CommandStatus.Forbidden, CommandStatus.Forbidden), (bySalesWest.Status, byAdmin.Status));
        Assert.False((await TierQueries.ExplainAsync(Actors.Admin, card.Id)).Value!.CanOverride);
    }
}
