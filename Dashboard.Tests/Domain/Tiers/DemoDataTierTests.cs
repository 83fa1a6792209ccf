using Dashboard.Domain;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Tiers;
using Dashboard.Tests.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Domain.Tiers;

/// <summary>Demo cards get the tiers a recompute would give them, so the two paths agree.</summary>
public sealed class DemoDataTierTests
{
    [Fact]
    public async Task RecomputingRightAfterDemoGeneration_ChangesNothing()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        await database.Generator().GenerateAsync(400);
        var notifier = new CardChangeNotifier(NullLogger<CardChangeNotifier>.Instance);
        var published = new List<CardChange>();
        notifier.Changed += published.Add;
        var options = Options.Create(new DashboardOptions());
        using var tiers = new TierService(database.Factory, new DemoTestClock(DemoTestDatabase.Now.AddHours(3)), notifier, options, NullLogger<TierService>.Instance) { BatchSize = 150 };

        var result = await tiers.RecomputeAllAsync(DemoTestDatabase.Admin());

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((400, 0, 0), (result.Value!.Checked, result.Value.Changed, result.Value.FiguresUpdated));
        Assert.Empty(published);
    }

    [Fact]
    public async Task EveryDemoCardsExplanation_MatchesItsStoredComputedTier()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        await database.Generator().GenerateAsync(150, seed: 11);
        var queries = new TierQueries(database.Factory, Options.Create(new DashboardOptions()));
        await using var db = await database.Factory.CreateDbContextAsync();
        var cards = await db.Cards.AsNoTracking().Select(c => new { c.Id, c.ComputedTier }).ToListAsync();

        foreach (var card in cards)
        {
            var explanation = (await queries.ExplainAsync(DemoTestDatabase.Admin(), card.Id)).Value!;
            Assert.False(explanation.RulesChangedSince);
            Assert.Equal(card.ComputedTier, explanation.Assessment!.Tier);
            Assert.Equal(DateOnly.FromDateTime(DemoTestDatabase.Now.UtcDateTime), explanation.Assessment.AsOf);
        }
    }
}
