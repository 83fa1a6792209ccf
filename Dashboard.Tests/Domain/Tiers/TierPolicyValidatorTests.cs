using Dashboard.Domain.Tiers;

namespace Dashboard.Tests.Domain.Tiers;

/// <summary>Tier rules are complete, non-negative, with a window of 1–60 months, and the tiers in order.</summary>
public sealed class TierPolicyValidatorTests
{
    [Fact]
    public void TheDefaults_AreValid()
    {
        var (rules, errors) = TierPolicyValidator.Validate(TierPolicyDraft.From(TierRules.Default), "CNY");

        Assert.Empty(errors);
        Assert.Equal(TierRules.Default, rules);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    [InlineData(null)]
    public void AWindowOutside1To60Months_IsRefused(int? months)
    {
        var draft = TierPolicyDraft.From(TierRules.Default);
        draft.WindowMonths = months;

        var (rules, errors) = TierPolicyValidator.Validate(draft, "CNY");

        Assert.Null(rules);
        Assert.Equal(("WindowMonths", "tier.window"), (Assert.Single(errors).Field, errors[0].Code));
    }

    [Fact]
    public void NegativeOrMissingThresholds_AreReportedPerField()
    {
        var draft = TierPolicyDraft.From(TierRules.Default);
        draft.B.MinMonetary = -1;
        draft.B.MinPurchases = null;
        draft.B.MaxDaysSinceLastPurchase = -5;
        draft.A.MinMonetary = 12.345m;

        var (_, errors) = TierPolicyValidator.Validate(draft, "CNY");

        Assert.Equal(
            [("A.MinMonetary", "tier.min-value-format"), ("B.MinMonetary", "tier.min-value"), ("B.MinPurchases", "tier.min-purchases"), ("B.MaxDaysSinceLastPurchase", "tier.max-days")],
            errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public void AHigherTierAskingLessThanTheOneBelow_IsRefusedOnTheHigherTiersField()
    {
        var draft = TierPolicyDraft.From(TierRules.Default);
        draft.Vip.MinMonetary = 150_000m;
        draft.A.MinPurchases = 0;
        draft.A.MaxDaysSinceLastPurchase = 400;

        var (_, errors) = TierPolicyValidator.Validate(draft, "CNY");

        Assert.Equal(
            [("VIP.MinMonetary", "tier.order-value"), ("A.MinPurchases", "tier.order-purchases"), ("A.MaxDaysSinceLastPurchase", "tier.order-days")],
            errors.Select(e => (e.Field, e.Code)));
        Assert.Contains("CNY 200,000.00", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EqualThresholdsForTwoTiers_AreAllowed()
    {
        var draft = TierPolicyDraft.From(TierRules.Default);
        draft.A = new TierThresholdDraft { MinMonetary = 50_000m, MinPurchases = 1, MaxDaysSinceLastPurchase = 365 };

        Assert.Empty(TierPolicyValidator.Validate(draft, "CNY").Errors);
    }
}
