using Dashboard.Domain.Quality;
using Dashboard.Tests.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Domain.Quality;

/// <summary>Demo cards carry the scores a recompute would give them; some are incomplete or stale on purpose.</summary>
public sealed class DemoDataQualityTests
{
    [Fact]
    public async Task RecomputingRightAfterDemoGeneration_ChangesNothing()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        await database.Generator().GenerateAsync(400);
        using var quality = new QualityService(database.Factory, new DemoTestClock(DemoTestDatabase.Now.AddHours(3)), NullLogger<QualityService>.Instance) { BatchSize = 150 };

        var result = await quality.RecomputeAllAsync(DemoTestDatabase.Admin());

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((400, 0), (result.Value!.Checked, result.Value.Changed));
    }

    [Fact]
    public async Task DemoCards_SpreadOverTheBands_WithIncompleteAndStaleOnes()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        await database.Generator().GenerateAsync(600, seed: 7);
        await using var db = await database.Factory.CreateDbContextAsync();
        var cards = await db.Cards.AsNoTracking().Select(c => new { c.QualityScore, c.QualityBand, c.QualityFailures }).ToListAsync();
        int Failing(QualityRule rule) => cards.Count(c => (c.QualityFailures & rule) != 0);

        Assert.All(cards, c => Assert.NotNull(c.QualityScore));
        Assert.True(cards.Count(c => c.QualityBand == QualityBand.Good) > cards.Count / 2, "Most demo cards should be in good shape.");
        Assert.Contains(cards, c => c.QualityBand == QualityBand.Fair);
        Assert.InRange(Failing(QualityRule.Stale), cards.Count / 20, cards.Count / 4);
        Assert.InRange(Failing(QualityRule.MissingRequired) + Failing(QualityRule.MissingRecommended), cards.Count / 20, cards.Count / 2);
    }
}
