using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Tiers;

namespace Dashboard.Tests.Domain.Tiers;

/// <summary>A run over all cards changes only cards whose tier changed, audits and announces those, and sums up once.</summary>
public sealed class RecomputeAllTests : TierTest
{
    [Fact]
    public async Task RightAfterPurchases_NothingChanges()
    {
        await CardWithPurchasesAsync("Anna", (10, 700_000m), (20, 1m), (30, 1m), (40, 1m));
        await CardWithPurchasesAsync("Bo", (100, 60_000m));
        await CardWithPurchasesAsync("Chen");
        Published.Clear();

        var report = await RecomputeAsync();

        Assert.Equal((3, 0, 0), (report.Checked, report.Changed, report.FiguresUpdated));
        Assert.Empty(Published);
    }

    [Fact]
    public async Task AsTimePasses_OnlyCardsWhoseTierChanged_AreChangedAuditedAndAnnounced()
    {
        var vip = await CardWithPurchasesAsync("Anna", (10, 700_000m), (20, 1m), (30, 1m), (40, 1m));
        var b = await CardWithPurchasesAsync("Bo", (100, 60_000m));
        var none = await CardWithPurchasesAsync("Chen");
        var steady = await CardWithPurchasesAsync("Dong", (1, 60_000m));
        Published.Clear();

        // 81 days on: Anna's last purchase is 91 days old (no longer VIP); Bo's purchase is still within the year.
        App.Clock.Advance(TimeSpan.FromDays(81));
        var report = await RecomputeAsync();

        Assert.Equal((4, 1), (report.Checked, report.Changed));
        Assert.Equal(CustomerTier.A, (await App.GetCardAsync(SalesEast, vip.Id)).Tier);
        Assert.Equal(CustomerTier.B, (await App.GetCardAsync(SalesEast, b.Id)).Tier);
        Assert.Null((await App.GetCardAsync(SalesEast, none.Id)).Tier);
        Assert.Equal(CustomerTier.B, (await App.GetCardAsync(SalesEast, steady.Id)).Tier);
        var change = Assert.Single(Published);
        Assert.Equal((vip.Id, CardChangeKind.TierChanged), (change.CardId, change.Kind));
        var entry = (await App.AuditTrailAsync(vip.Code))[0];
        Assert.Equal(("card.tier-computed", "Sam Admin"), (entry.Action, entry.ActorName));
        Assert.Equal([new FieldChange("Tier", "VIP", "A"), new FieldChange("ComputedTier", "VIP", "A")], entry.Changes);
        Assert.Single(await App.AuditTrailAsync(b.Code), e => e.Action == "card.tier-computed");
    }

    [Fact]
    public async Task ARun_EndsWithOneSummaryEntry()
    {
        await CardWithPurchasesAsync("Anna", (10, 700_000m), (20, 1m), (30, 1m), (40, 1m));
        await CardWithPurchasesAsync("Bo", (300, 60_000m));
        await CardWithPurchasesAsync("Chen", (5, 10m), (300, 10m));

        // 100 days on: Anna drops to A, Bo's only purchase leaves the window (C), Chen stays C with one purchase fewer.
        App.Clock.Advance(TimeSpan.FromDays(100));

        var report = await RecomputeAsync();

        Assert.Equal((3, 2, 1), (report.Checked, report.Changed, report.FiguresUpdated));
        var summary = Assert.Single(await App.AuditTrailAsync("1"), e => e.Action == TierService.RecomputedAction);
        Assert.Equal(("TierPolicy", "Sam Admin"), (summary.EntityType, summary.ActorName));
        Assert.Contains(new FieldChange("Changed", null, "2"), summary.Changes);
        Assert.Contains("3 cards", summary.Summary, StringComparison.Ordinal);
        Assert.Equal(App.Clock.UtcNow, (await TierQueries.GetPolicyAsync()).LastRecomputedAt);
    }

    [Fact]
    public async Task TheDailyRun_WorksAsTheSystem()
    {
        await CardWithPurchasesAsync("Anna", (10, 700_000m), (20, 1m), (30, 1m), (40, 1m));
        App.Clock.Advance(TimeSpan.FromDays(100));

        var report = await Tiers.RecomputeOnScheduleAsync();

        Assert.Equal(1, report.Changed);
        Assert.Equal("System", (await App.AuditTrailAsync("C-000001"))[0].ActorName);
    }

    [Fact]
    public async Task OnlyAnAdmin_MayRecomputeAllTiers()
    {
        var bySales = await Tiers.RecomputeAllAsync(SalesEast);
        var byManager = await Tiers.RecomputeAllAsync(Actors.SalesManager);

        Assert.Equal((CommandStatus.Forbidden, CommandStatus.Forbidden), (bySales.Status, byManager.Status));
        Assert.Equal(0, await App.CountAsync(db => db.AuditEntries.Where(e => e.Action == TierService.RecomputedAction)));
    }

    [Fact]
    public async Task ProgressIsReportedBatchByBatch()
    {
        for (var i = 0; i < 5; i++)
        {
            await CardWithPurchasesAsync($"Card {i}", (10, 100m));
        }

        var reports = new List<TierRecomputeProgress>();
        var result = await Tiers.RecomputeAllAsync(Actors.Admin, new SynchronousProgress<TierRecomputeProgress>(reports.Add));

        Assert.True(result.Succeeded);
        Assert.Equal([2, 4, 5], reports.Select(r => r.Checked));
        Assert.All(reports, r => Assert.Equal(5, r.Total));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
