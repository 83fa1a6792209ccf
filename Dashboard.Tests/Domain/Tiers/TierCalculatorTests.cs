using Dashboard.Domain.Tiers;

namespace Dashboard.Tests.Domain.Tiers;

/// <summary>The tier follows from value, number and recency of purchases in the window, highest tier whose three conditions all hold.</summary>
public sealed class TierCalculatorTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly TierRules Rules = TierRules.Default;

    [Fact]
    public void ACardThatNeverBought_HasNoTier()
    {
        var assessment = TierCalculator.Assess(TierFigures.None, Today, Rules);

        Assert.Null(assessment.Tier);
        Assert.Null(assessment.DaysSinceLastPurchase);
    }

    [Fact]
    public void ACardWhosePurchasesAllLieBeforeTheWindow_IsC()
    {
        var figures = Figures(("2025-03-01", 900_000m, "CNY"));

        var assessment = TierCalculator.Assess(figures, Today, Rules);

        Assert.Equal(CustomerTier.C, assessment.Tier);
        Assert.Equal((0L, 0), (figures.MonetaryMinor, figures.PurchaseCount));
        Assert.All(assessment.Checks, c => Assert.False(c.Met));
    }

    [Theory]
    [InlineData(60_000_000, 4, 90, CustomerTier.VIP)]
    [InlineData(59_999_999, 4, 90, CustomerTier.A)]
    [InlineData(60_000_000, 3, 90, CustomerTier.A)]
    [InlineData(60_000_000, 4, 91, CustomerTier.A)]
    [InlineData(20_000_000, 2, 180, CustomerTier.A)]
    [InlineData(19_999_999, 2, 180, CustomerTier.B)]
    [InlineData(20_000_000, 1, 180, CustomerTier.B)]
    [InlineData(20_000_000, 2, 181, CustomerTier.B)]
    [InlineData(5_000_000, 1, 365, CustomerTier.B)]
    [InlineData(4_999_999, 1, 365, CustomerTier.C)]
    [InlineData(5_000_000, 1, 366, CustomerTier.C)]
    [InlineData(0, 1, 0, CustomerTier.C)]
    public void EachThreshold_IsMetExactlyAtItsValue(long monetaryMinor, int count, int daysAgo, CustomerTier expected)
    {
        var figures = new TierFigures(monetaryMinor, count, Today.AddDays(-daysAgo), HasPurchases: true);

        Assert.Equal(expected, TierCalculator.Assess(figures, Today, Rules).Tier);
    }

    [Fact]
    public void MissingOneConditionOfAHigherTier_GivesTheNextTierWhoseConditionsAllHold()
    {
        var assessment = TierCalculator.Assess(new TierFigures(90_000_000, 6, Today.AddDays(-120), true), Today, Rules);

        Assert.Equal(CustomerTier.A, assessment.Tier);
        var vip = assessment.Checks.Single(c => c.Tier == CustomerTier.VIP);
        Assert.Equal((true, true, false), (vip.MonetaryMet, vip.PurchasesMet, vip.RecencyMet));
        Assert.Equal(120, assessment.DaysSinceLastPurchase);
    }

    [Fact]
    public void APurchaseOnTheFirstDayOfTheWindow_Counts_AndOneTheDayBefore_DoesNot()
    {
        var windowStart = Rules.WindowStart(Today);

        var onTheEdge = Figures((windowStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), 100m, "CNY"));
        var justBefore = Figures((windowStart.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), 100m, "CNY"));

        Assert.Equal(new DateOnly(2025, 3, 2), windowStart);
        Assert.Equal((10_000L, 1, windowStart), (onTheEdge.MonetaryMinor, onTheEdge.PurchaseCount, onTheEdge.LastPurchaseOn));
        Assert.Equal((0L, 0, (DateOnly?)null, true), (justBefore.MonetaryMinor, justBefore.PurchaseCount, justBefore.LastPurchaseOn, justBefore.HasPurchases));
    }

    [Fact]
    public void PurchasesInAnotherCurrency_CountAsPurchasesButNotAsValue()
    {
        var figures = Figures(("2026-01-10", 100_000m, "USD"), ("2026-02-20", 60_000m, "CNY"));

        var assessment = TierCalculator.Assess(figures, Today, Rules);

        Assert.Equal((6_000_000L, 2, new DateOnly(2026, 2, 20)), (figures.MonetaryMinor, figures.PurchaseCount, figures.LastPurchaseOn));
        Assert.Equal(CustomerTier.B, assessment.Tier);
    }

    [Fact]
    public void APurchaseDatedTomorrow_CountsAsToday()
    {
        var assessment = TierCalculator.Assess(new TierFigures(100, 1, Today.AddDays(1), true), Today, Rules);

        Assert.Equal(0, assessment.DaysSinceLastPurchase);
    }

    [Fact]
    public void ALongerWindow_TakesOlderPurchasesIntoAccount()
    {
        var purchases = new[] { ("2024-06-01", 700_000m, "CNY"), ("2026-02-01", 10_000m, "CNY") };
        var twoYears = Rules with { WindowMonths = 24 };

        Assert.Equal(CustomerTier.C, TierCalculator.Assess(Figures(Rules, purchases), Today, Rules).Tier);
        Assert.Equal(CustomerTier.A, TierCalculator.Assess(Figures(twoYears, purchases), Today, twoYears).Tier);
    }

    private static TierFigures Figures(params (string On, decimal Amount, string Currency)[] purchases) => Figures(Rules, purchases);

    private static TierFigures Figures(TierRules rules, params (string On, decimal Amount, string Currency)[] purchases) =>
        TierFigures.Of(
            purchases.Select(p => (DateOnly.Parse(p.On, System.Globalization.CultureInfo.InvariantCulture), (long)(p.Amount * 100), p.Currency)),
            rules.WindowStart(Today),
            "CNY");
}
