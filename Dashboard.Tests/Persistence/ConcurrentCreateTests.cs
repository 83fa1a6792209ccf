using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Support;
using Dashboard.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Persistence;

/// <summary>
/// Cards created at the same moment by many people, on a real database file with its own connection per operation as in
/// production: each create reads the next number and saves in one write transaction, so every one succeeds with its own code.
/// </summary>
public sealed class ConcurrentCreateTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    private const int Writers = 20;
    private const int CardsEach = 5;

    [Fact]
    public async Task TwentyWritersCreatingCardsAtOnce_AllSucceed_WithTheirOwnConsecutiveCodes_AndAreAudited()
    {
        var rep = await factory.Services.ActorAsync("demo-sales");
        var cards = factory.Services.GetRequiredService<CustomerCardService>();
        var marker = Guid.NewGuid().ToString("N")[..8];
        int before;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            before = await db.Cards.CountAsync();
        }

        using var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            start.Wait();
            var mine = new List<Dashboard.Domain.Common.CommandResult<CardRef>>();
            for (var i = 0; i < CardsEach; i++)
            {
                mine.Add(await cards.CreateAsync(rep, CardDraftBuilder.Individual($"Parallel {marker} {w:00}-{i}").Build()));
            }

            return mine;
        })).ToList();
        start.Set();
        var results = (await Task.WhenAll(writers)).SelectMany(r => r).ToList();

        Assert.All(results, r => Assert.True(r.Succeeded, TestDashboard.Describe(r)));
        var numbers = results.Select(r => CardCode.TryParse(r.Value!.Code, out var n) ? n : -1).Order().ToList();
        Assert.Equal(Enumerable.Range(before + 1, Writers * CardsEach).Select(n => (long)n), numbers);
        await using var check = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var codes = results.Select(r => r.Value!.Code).ToList();
        Assert.Equal(Writers * CardsEach, await check.AuditEntries.CountAsync(e => e.Action == "card.created" && codes.Contains(e.EntityId)));
    }
}
