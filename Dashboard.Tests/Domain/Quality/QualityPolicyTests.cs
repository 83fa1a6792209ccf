using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Quality;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>Admins change the rules; every card is rescored with them at once.</summary>
public sealed class QualityPolicyTests : QualityTest
{
    [Fact]
    public async Task SavingNewRules_RescoresEveryCard_AndIsAudited()
    {
        var card = await App.CreateCardAsync(SalesEast, await CompleteAsync());
        var policy = await QualityQueries.GetPolicyAsync();
        var draft = QualityPolicyDraft.From(policy.Rules);
        draft.For(CardKind.Individual)[QualityFields.Title] = FieldNeed.Required;

        var result = await Quality.SavePolicyAsync(Actors.Admin, policy.Version, draft);

        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        Assert.Equal((1, 1), (result.Value!.Recompute!.Checked, result.Value.Recompute.Changed));

        // Title now required: 8 of 10 → 30 × 0.8 + 70 = 94.
        Assert.Equal((94, QualityRule.MissingRequired), ((await StoredAsync(card.Id)).Score!.Value, (await StoredAsync(card.Id)).Failures));
        var after = await QualityQueries.GetPolicyAsync();
        Assert.Equal((policy.Version + 1, FieldNeed.Required), (after.Version, after.Rules.Individual.NeedOf(QualityFields.Title)));
        Assert.NotNull(after.LastRecomputedAt);
        var audit = await App.AuditTrailAsync();
        Assert.Contains(audit, a => a.Action == QualityService.PolicyChangedAction && a.Changes.Any(c => c.Field == "Individual.Required"));
        Assert.Contains(audit, a => a.Action == QualityService.RecomputedAction);
    }

    [Fact]
    public async Task OnlyAdminsChangeTheRules_AgainstTheVersionTheyOpened()
    {
        var policy = await QualityQueries.GetPolicyAsync();
        var draft = QualityPolicyDraft.From(policy.Rules);
        draft.SlaDays[Dashboard.Domain.Tiers.CustomerTier.VIP] = 14;

        Assert.Equal(CommandStatus.Forbidden, (await Quality.SavePolicyAsync(Actors.TeamLeadEast, policy.Version, draft)).Status);
        Assert.Equal(CommandStatus.Forbidden, (await Quality.RecomputeAllAsync(Actors.SalesManager)).Status);
        Assert.Equal(CommandStatus.Conflict, (await Quality.SavePolicyAsync(Actors.Admin, policy.Version + 1, draft)).Status);
        Assert.True((await Quality.SavePolicyAsync(Actors.Admin, policy.Version, draft)).Succeeded);
        Assert.Equal(14, (await QualityQueries.GetPolicyAsync()).Rules.Sla.VipDays);
    }

    [Fact]
    public async Task TheMigration_CreatesTheDefaultRules()
    {
        Assert.Equal(QualityRuleSet.Default, (await QualityQueries.GetPolicyAsync()).Rules);
    }
}
