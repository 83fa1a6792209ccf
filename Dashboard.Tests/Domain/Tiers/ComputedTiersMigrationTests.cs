using Dashboard.Domain.Persistence;
using Dashboard.Domain.Tiers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Tests.Domain.Tiers;

/// <summary>Upgrading a database whose tiers were all set by hand keeps them as manual overrides.</summary>
public sealed class ComputedTiersMigrationTests
{
    private const string PreviousMigration = "20261123143835_DashboardAggregates";

    [Fact]
    public async Task ExistingTiers_BecomeManualOverrides_AndTheDefaultRulesAreSeeded()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:;Foreign Keys=True");
        await connection.OpenAsync();
        await using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(connection).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(PreviousMigration);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Staff (Id, ExternalId, DisplayName) VALUES ('11111111-1111-1111-1111-111111111111', 'rep', 'Rep');
            INSERT INTO Cards (Id, Number, Code, Kind, DisplayName, OwnerId, Stage, Tier, TierReason, TierSetBy, TierSetAt, CreatedAt, CreatedBy, UpdatedAt, UpdatedBy, Version, DetailsVersion)
            VALUES
              ('AAAAAAAA-0000-0000-0000-000000000001', 1, 'C-000001', 'Individual', 'Anna', '11111111-1111-1111-1111-111111111111', 'Active', 'A', 'Big orders', '11111111-1111-1111-1111-111111111111', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '11111111-1111-1111-1111-111111111111', '2026-01-01 00:00:00', '11111111-1111-1111-1111-111111111111', 2, 1),
              ('AAAAAAAA-0000-0000-0000-000000000002', 2, 'C-000002', 'Individual', 'Bo', '11111111-1111-1111-1111-111111111111', 'Active', NULL, 'Cleared by hand', '11111111-1111-1111-1111-111111111111', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '11111111-1111-1111-1111-111111111111', '2026-01-01 00:00:00', '11111111-1111-1111-1111-111111111111', 2, 1);
            """);

        await migrator.MigrateAsync();

        var cards = await db.Cards.AsNoTracking().OrderBy(c => c.Number).ToListAsync();
        Assert.Equal((CustomerTier.A, TierSource.Manual, "Big orders"), (cards[0].Tier, cards[0].TierSource, cards[0].TierReason));
        Assert.Equal((null, TierSource.Computed, null, null), (cards[1].Tier, cards[1].TierSource, cards[1].TierReason, cards[1].TierSetBy));
        Assert.All(cards, c => Assert.Null(c.TierComputedAt));
        var policy = await db.TierPolicies.AsNoTracking().SingleAsync();
        Assert.Equal((TierRules.Default, (DateTime?)null), (policy.Rules, policy.LastRecomputedAt));
    }
}
