using Dashboard.Domain.ReferenceData;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Persistence;

public sealed class MigrationTests
{
    [Fact]
    public async Task FreshDatabase_IsBuiltByTheCommittedMigrations_WithNothingPending()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no migration captures: add a migration.");
    }

    [Fact]
    public async Task FirstStart_SeedsTheControlledLists()
    {
        using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateContext();

        foreach (var kind in Enum.GetValues<ListKind>())
        {
            Assert.True(await db.ListItems.AnyAsync(i => i.Kind == kind && i.IsActive), $"No {kind} entries were seeded.");
        }

        Assert.True(await db.Tags.AnyAsync(t => t.Name == "Key account"));
    }

    [Fact]
    public async Task StartingTwice_DoesNotSeedTheListsAgain()
    {
        using var database = await TestDatabase.CreateSeededAsync();
        int count;
        await using (var db = database.CreateContext())
        {
            count = await db.ListItems.CountAsync();
        }

        await database.SeedReferenceDataAsync();

        await using var again = database.CreateContext();
        Assert.Equal(count, await again.ListItems.CountAsync());
    }
}
