using Dashboard.Domain.Persistence;
using Dashboard.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Persistence;

/// <summary>The application's connections sort and group in memory with a 64 MB page cache (the dashboard's aggregates).</summary>
public sealed class SqliteSessionPragmasTests(DashboardWebFactory factory) : IClassFixture<DashboardWebFactory>
{
    [Fact]
    public async Task EveryConnectionOfTheApp_KeepsTemporaryTablesInMemory_WithA64MbCache()
    {
        for (var i = 0; i < 2; i++)
        {
            // Twice: the second context gets a pooled connection, which must carry the settings too.
            await using var db = await factory.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA temp_store";
            Assert.Equal(2L, await command.ExecuteScalarAsync());
            command.CommandText = "PRAGMA cache_size";
            Assert.Equal(-65536L, await command.ExecuteScalarAsync());
        }
    }
}
