using Dashboard.Domain.Customers;
using Dashboard.Domain.Lifecycle;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Dashboards;

/// <summary>
/// Five cards with known stage histories, purchases and interactions around March 2026 (UTC, all at 09:00):
/// <list type="bullet">
/// <item>A: Prospect 20 Feb → New 5 Mar → Active 15 Mar; bought CNY 1,000.00 on 16 Mar; calls on 17 and 18 Mar.</item>
/// <item>B: Prospect 3 Mar → New 13 Mar; bought USD 50.00 on 20 Mar.</item>
/// <item>C: New 10 Mar → Active 30 Mar → At risk 5 Apr; a chat on 19 Mar.</item>
/// <item>D: Prospect 4 Mar → Churned 8 Mar; bought CNY 200.00 on 5 Mar.</item>
/// <item>E: Prospect 10 Jan → New 1 Feb; bought CNY 999.00 on 15 Feb (all before March).</item>
/// </list>
/// By hand, for March: entered Prospect {B, D}, New {A, B, C}, Active {A, C}, Churned {D}; stays that ended
/// in March: Prospect A 13 d, B 10 d, D 4 d (median 10), New A 10 d, C 20 d (median 15); March purchases
/// CNY 1,200.00 over three purchases, one of them in USD.
/// </summary>
internal static class PipelineFixture
{
    public static async Task BuildAsync(TestDashboard app)
    {
        var a = await CreateAsync(app, At(2, 20), LifecycleStage.Prospect);
        var e = await CreateAsync(app, new DateTime(2026, 1, 10, 9, 0, 0, DateTimeKind.Utc), LifecycleStage.Prospect);
        await MoveAsync(app, e, new DateTime(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc), LifecycleStage.New);
        await BuyAsync(app, e, new DateOnly(2026, 2, 15), 999m, "CNY");
        var b = await CreateAsync(app, At(3, 3), LifecycleStage.Prospect);
        var d = await CreateAsync(app, At(3, 4), LifecycleStage.Prospect);
        await MoveAsync(app, a, At(3, 5), LifecycleStage.New);
        await BuyAsync(app, d, new DateOnly(2026, 3, 5), 200m, "CNY");
        await MoveAsync(app, d, At(3, 8), LifecycleStage.Churned);
        var c = await CreateAsync(app, At(3, 10), LifecycleStage.New);
        await MoveAsync(app, b, At(3, 13), LifecycleStage.New);
        await MoveAsync(app, a, At(3, 15), LifecycleStage.Active);
        await BuyAsync(app, a, new DateOnly(2026, 3, 16), 1000m, "CNY");
        await TalkAsync(app, a, At(3, 17));
        await TalkAsync(app, a, At(3, 18));
        await TalkAsync(app, c, At(3, 19));
        await BuyAsync(app, b, new DateOnly(2026, 3, 20), 50m, "USD");
        await MoveAsync(app, c, At(3, 30), LifecycleStage.Active);
        await MoveAsync(app, c, At(4, 5), LifecycleStage.AtRisk);
    }

    private static DateTime At(int month, int day) => new(2026, month, day, 9, 0, 0, DateTimeKind.Utc);

    private static void SetClock(TestDashboard app, DateTime at) => app.Clock.Advance(at - app.Clock.UtcNow);

    private static async Task<Guid> CreateAsync(TestDashboard app, DateTime at, LifecycleStage stage)
    {
        SetClock(app, at);
        var result = await app.Cards.CreateAsync(app.Actors.SalesEast, CardDraftBuilder.Individual().InStage(stage).Build());
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!.Id;
    }

    private static async Task MoveAsync(TestDashboard app, Guid card, DateTime at, LifecycleStage to)
    {
        SetClock(app, at);
        var version = (await app.GetCardAsync(app.Actors.SalesEast, card)).Version;
        var result = await app.Cards.ChangeStageAsync(app.Actors.SalesEast, card, version, to);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
    }

    private static async Task BuyAsync(TestDashboard app, Guid card, DateOnly on, decimal amount, string currency)
    {
        SetClock(app, on.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc));
        var result = await app.Cards.RecordPurchaseAsync(app.Actors.SalesEast, card, new PurchaseDraft { Product = "Printer", PurchasedOn = on, Amount = amount, Currency = currency });
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
    }

    private static async Task TalkAsync(TestDashboard app, Guid card, DateTime at)
    {
        SetClock(app, at);
        var result = await app.Cards.LogInteractionAsync(app.Actors.SalesEast, card, new InteractionDraft { OccurredAt = at, Summary = "Follow-up call" });
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
    }
}
