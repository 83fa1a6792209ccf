using Dashboard.Domain;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Tiers;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Domain.Tiers;

/// <summary>A test dashboard with the tier services over the same database, clock and notifier, and the published changes.</summary>
public abstract class TierTest : ServiceTest
{
    protected TierService Tiers { get; private set; } = null!;

    protected TierQueries TierQueries { get; private set; } = null!;

    protected List<CardChange> Published { get; } = [];

    /// <summary>Cards per batch of a recompute; small, so that tests cross batch boundaries.</summary>
    protected virtual int BatchSize => 2;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var options = Options.Create(new DashboardOptions());
        Tiers = new TierService(App.Database.Factory, App.Clock, App.Notifier, options, NullLogger<TierService>.Instance) { BatchSize = BatchSize };
        TierQueries = new TierQueries(App.Database.Factory, options);
        App.Notifier.Changed += Published.Add;
    }

    public override async Task DisposeAsync()
    {
        Tiers?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A card of Zhang Wei's (Sales, East) with purchases in CNY: (days before today, amount).</summary>
    protected async Task<CardRef> CardWithPurchasesAsync(string name, params (int DaysAgo, decimal Amount)[] purchases)
    {
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual(name));
        foreach (var (daysAgo, amount) in purchases)
        {
            await RecordAsync(card.Id, daysAgo, amount);
        }

        return card;
    }

    protected async Task RecordAsync(Guid cardId, int daysAgo, decimal amount, string currency = "CNY")
    {
        var result = await App.Cards.RecordPurchaseAsync(SalesEast, cardId, new PurchaseDraft
        {
            Product = "Industrial printer",
            PurchasedOn = App.Clock.Today.AddDays(-daysAgo),
            Quantity = 1,
            Amount = amount,
            Currency = currency,
        });
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
    }

    protected async Task<CardTierExplanation> ExplainAsync(Guid cardId)
    {
        var result = await TierQueries.ExplainAsync(SalesEast, cardId);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }

    protected async Task<TierRecomputeReport> RecomputeAsync()
    {
        var result = await Tiers.RecomputeAllAsync(Actors.Admin);
        Assert.True(result.Succeeded, TestDashboard.Describe(result));
        return result.Value!;
    }
}
