using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.DemoData;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.DemoData;

/// <summary>Generator runs that need a database of their own: determinism, refusals, atomicity.</summary>
public sealed class DemoDataRunTests
{
    [Fact]
    public async Task Same_seed_gives_the_same_cards_and_another_seed_different_ones()
    {
        await using var first = await DemoTestDatabase.InMemoryAsync();
        await using var second = await DemoTestDatabase.InMemoryAsync();
        await using var third = await DemoTestDatabase.InMemoryAsync();

        var reportA = await first.Generator().GenerateAsync(120, seed: 42);
        var reportB = await second.Generator().GenerateAsync(120, seed: 42);
        await third.Generator().GenerateAsync(120, seed: 43);

        Assert.Equal(reportA with { Elapsed = TimeSpan.Zero }, reportB with { Elapsed = TimeSpan.Zero });
        var a = await SnapshotAsync(first);
        var b = await SnapshotAsync(second);
        var c = await SnapshotAsync(third);
        Assert.Equal(120, a.Count);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(x => x.Name), c.Select(x => x.Name));
    }

    [Fact]
    public async Task Default_seed_is_the_documented_one()
    {
        await using var first = await DemoTestDatabase.InMemoryAsync();
        await using var second = await DemoTestDatabase.InMemoryAsync();
        await first.Generator().GenerateAsync(30);
        await second.Generator().GenerateAsync(30, seed: 20261123);
        Assert.Equal(await SnapshotAsync(first), await SnapshotAsync(second));
    }

    [Fact]
    public async Task Running_twice_throws_and_adds_nothing()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        var indexes = await IndexesAsync(database);
        var generator = database.Generator();
        await generator.GenerateAsync(20);
        Assert.Equal(indexes, await IndexesAsync(database));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => generator.GenerateAsync(20));
        Assert.Contains("already holds customer cards", error.Message, StringComparison.Ordinal);

        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(20, await db.Cards.CountAsync());
        Assert.Equal(DemoUsers.All.Count + 10, await db.Staff.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == DemoDataGenerator.AuditAction));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(DemoDataGenerator.MaxCards + 1)]
    public async Task Refuses_a_card_count_out_of_range(int count)
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => database.Generator().GenerateAsync(count));
    }

    [Fact]
    public async Task Fails_clearly_when_the_lists_are_not_seeded_and_writes_nothing()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync(seedLists: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.Generator().GenerateAsync(10));

        Assert.Contains("industries", error.Message, StringComparison.Ordinal);
        Assert.Contains("DatabaseInitializer", error.Message, StringComparison.Ordinal);
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(0, await db.Staff.CountAsync());
        Assert.Equal(0, await db.Teams.CountAsync());
    }

    [Fact]
    public async Task Reuses_staff_who_signed_in_before()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        var directory = new StaffDirectory(database.Factory, TimeProvider.System);
        var sales = await directory.EnsureAsync("demo-sales", "Zhang Wei (Sales)", "zhang.wei@example.com", DemoUsers.EastTeam);

        await database.Generator().GenerateAsync(60);

        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(DemoUsers.All.Count + 10, await db.Staff.CountAsync());
        Assert.Equal(2, await db.Teams.CountAsync());
        Assert.True(await db.Cards.AnyAsync(c => c.OwnerId == sales.Id && c.TeamId == sales.TeamId));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == DemoDataGenerator.AuditAction);
        Assert.Contains(audit.Changes, c => c.Field == "StaffCreated" && c.After == (DemoUsers.All.Count + 10 - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Reports_progress_and_a_cancelled_run_leaves_nothing_behind()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        var indexes = await IndexesAsync(database);
        using var cancel = new CancellationTokenSource();
        var reported = new List<int>();
        var progress = new SynchronousProgress(done =>
        {
            reported.Add(done);
            cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => database.Generator().GenerateAsync(5_000, progress: progress, ct: cancel.Token));

        Assert.Equal([2_000], reported);
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(0, await db.Cards.CountAsync());
        Assert.Equal(0, await db.ContactPoints.CountAsync());
        Assert.Equal(0, await db.Staff.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
        Assert.Equal(indexes, await IndexesAsync(database));
    }

    [Fact]
    public async Task Reports_every_batch()
    {
        await using var database = await DemoTestDatabase.InMemoryAsync();
        var reported = new List<int>();
        await database.Generator().GenerateAsync(2_500, progress: new SynchronousProgress(reported.Add));
        Assert.Equal([2_000, 2_500], reported);
    }

    /// <summary>The generator drops and recreates the card tables' indexes; they must come back as they were.</summary>
    private static async Task<List<string>> IndexesAsync(DemoTestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var indexes = await db.Database.SqlQueryRaw<string>("SELECT name || ': ' || coalesce(sql, '') AS Value FROM sqlite_master WHERE type = 'index'").ToListAsync();
        Assert.Contains(indexes, i => i.StartsWith("IX_Cards_Code", StringComparison.Ordinal));
        return [.. indexes.Order(StringComparer.Ordinal)];
    }

    /// <summary>What determinism compares: the visible content of a card, not its child row ids.</summary>
    private static async Task<List<CardSnapshot>> SnapshotAsync(DemoTestDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var cards = await db.Cards.AsNoTracking()
            .Include(c => c.Owner).Include(c => c.ContactPoints).Include(c => c.Purchases).Include(c => c.Interactions)
            .Include(c => c.Remarks).Include(c => c.StageHistory).Include(c => c.Tags).Include(c => c.Region)
            .AsSplitQuery().OrderBy(c => c.Number).ToListAsync();
        return cards.Select(c => new CardSnapshot(
            c.Id,
            c.Code,
            c.Kind.ToString(),
            c.DisplayName,
            c.Name,
            c.Company,
            c.Owner!.ExternalId,
            c.Region?.Name,
            c.Stage.ToString(),
            c.Tier?.ToString(),
            c.CreatedAt,
            c.UpdatedAt,
            c.Version,
            c.ContactPoints.Where(p => p.IsPrimary && p.Kind == ContactKind.Phone).Select(p => p.Value).FirstOrDefault(),
            string.Join(";", c.ContactPoints.OrderBy(p => p.Kind).ThenBy(p => p.Value).Select(p => $"{p.Label}:{p.Value}:{p.LastVerifiedOn}")),
            c.Purchases.Sum(p => p.Amount),
            string.Join(";", c.Interactions.OrderBy(i => i.OccurredAt).Select(i => $"{i.Kind}:{i.OccurredAt:O}:{i.Summary}")),
            string.Join(";", c.StageHistory.OrderBy(t => t.At).Select(t => $"{t.To}@{t.At:O}")),
            string.Join(";", c.Remarks.OrderBy(r => r.CreatedAt).Select(r => r.Text)),
            string.Join(";", c.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)))).ToList();
    }

    private sealed record CardSnapshot(
        Guid Id,
        string Code,
        string Kind,
        string DisplayName,
        string? Name,
        string? Company,
        string Owner,
        string? Region,
        string Stage,
        string? Tier,
        DateTime CreatedAt,
        DateTime UpdatedAt,
        int Version,
        string? PrimaryPhone,
        string Contacts,
        decimal TotalPurchases,
        string Interactions,
        string Stages,
        string Remarks,
        string Tags);

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
