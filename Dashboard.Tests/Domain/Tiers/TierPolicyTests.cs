using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Tiers;

namespace Dashboard.Tests.Domain.Tiers;

/// <summary>Only an Admin changes the tier rules; a change is validated, audited field by field and followed by a recompute.</summary>
public sealed class TierPolicyTests : TierTest
{
    [Fact]
    public async Task ANewDatabase_HasTheDefaultRules()
    {
        var policy = await TierQueries.GetPolicyAsync();

        Assert.Equal((TierRules.Default, 1, "CNY", (DateTime?)null), (policy.Rules, policy.Version, policy.Currency, policy.LastRecomputedAt));
    }

    [Fact]
    public async Task SavingNewRules_AuditsEachChangedFieldAndRecomputesEveryCard()
    {
        var card = await CardWithPurchasesAsync("王小明", (30, 60_000m));
        var draft = TierPolicyDraft.From(TierRules.Default);
        draft.B.MinMonetary = 80_000m;
        draft.WindowMonths = 6;

        var result = await Tiers.SavePolicyAsync(Actors.Admin, 1, draft);

        Assert.True(result.Succeeded, Support.TestDashboard.Describe(result));
        Assert.Equal((2, 1, 1), (result.Value!.Version, result.Value.Recompute!.Checked, result.Value.Recompute.Changed));
        Assert.Equal(CustomerTier.C, (await App.GetCardAsync(SalesEast, card.Id)).Tier);
        var entry = Assert.Single(await App.AuditTrailAsync("1"), e => e.Action == TierService.PolicyChangedAction);
        Assert.Equal([new FieldChange("WindowMonths", "12", "6"), new FieldChange("B.MinMonetary", "50000.00", "80000.00")], entry.Changes);
        Assert.Equal("Sam Admin", entry.ActorName);
        Assert.Equal(6, (await TierQueries.GetPolicyAsync()).Rules.WindowMonths);
    }

    [Fact]
    public async Task SavingTheSameRules_ChangesNothing()
    {
        var result = await Tiers.SavePolicyAsync(Actors.Admin, 1, TierPolicyDraft.From(TierRules.Default));

        Assert.True(result.Succeeded);
        Assert.Equal((1, null), (result.Value!.Version, result.Value.Recompute));
        Assert.Empty(await App.AuditTrailAsync("1"));
    }

    [Fact]
    public async Task InvalidRules_AreRefusedPerFieldAndNothingIsSaved()
    {
        var draft = TierPolicyDraft.From(TierRules.Default);
        draft.A.MinMonetary = 700_000m;
        draft.WindowMonths = 0;

        var result = await Tiers.SavePolicyAsync(Actors.Admin, 1, draft);

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal(["WindowMonths", "VIP.MinMonetary"], result.Errors.Select(e => e.Field));
        Assert.Equal(TierRules.Default, (await TierQueries.GetPolicyAsync()).Rules);
    }

    [Theory]
    [InlineData("Sales")]
    [InlineData("SalesManager")]
    [InlineData("TeamLead")]
    [InlineData("Auditor")]
    public async Task OnlyAnAdmin_MayChangeTheRules(string role)
    {
        var actor = role switch
        {
            "Sales" => SalesEast,
            "SalesManager" => Actors.SalesManager,
            "TeamLead" => Actors.TeamLeadEast,
            _ => Actors.Auditor,
        };
        var draft = TierPolicyDraft.From(TierRules.Default);
        draft.WindowMonths = 6;

        var result = await Tiers.SavePolicyAsync(actor, 1, draft);

        Assert.Equal(CommandStatus.Forbidden, result.Status);
        Assert.Equal(12, (await TierQueries.GetPolicyAsync()).Rules.WindowMonths);
    }

    [Fact]
    public async Task SavingOverSomeoneElsesChange_IsAConflict()
    {
        var first = TierPolicyDraft.From(TierRules.Default);
        first.WindowMonths = 6;
        var second = TierPolicyDraft.From(TierRules.Default);
        second.WindowMonths = 24;
        Assert.True((await Tiers.SavePolicyAsync(Actors.Admin, 1, first)).Succeeded);

        var result = await Tiers.SavePolicyAsync(Actors.Admin, 1, second);

        Assert.Equal(CommandStatus.Conflict, result.Status);
        Assert.Equal(6, (await TierQueries.GetPolicyAsync()).Rules.WindowMonths);
    }
}
