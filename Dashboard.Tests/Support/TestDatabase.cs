using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Support;

/// <summary>
/// An SQLite database in memory, built by the real migrations. The connection stays open for the
/// life of the test because an in-memory database disappears with its last connection.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly SqliteConnection _connection;

    public TestDatabase()
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ":memory:", ForeignKeys = true }.ToString());
        _connection.Open();
        Options = new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(_connection).AddInterceptors(BeforeSave).Options;
        Factory = new SharedConnectionFactory(Options);
        using var db = Factory.CreateDbContext();
        db.Database.Migrate();
    }

    public DbContextOptions<DashboardDbContext> Options { get; }

    /// <summary>Lets a test act between a service's checks and its save.</summary>
    public BeforeSaveHook BeforeSave { get; } = new();

    /// <summary>Hands out a new context per operation, all on the one open connection.</summary>
    public IDbContextFactory<DashboardDbContext> Factory { get; }

    /// <summary>A migrated database with the controlled lists seeded as on first start.</summary>
    public static async Task<TestDatabase> CreateSeededAsync()
    {
        var database = new TestDatabase();
        await database.SeedReferenceDataAsync();
        return database;
    }

    public Task SeedReferenceDataAsync() =>
        new DatabaseInitializer(Factory, NullLogger<DatabaseInitializer>.Instance).InitializeAsync();

    public DashboardDbContext CreateContext() => Factory.CreateDbContext();

    public void Dispose() => _connection.Dispose();

    private sealed class SharedConnectionFactory(DbContextOptions<DashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new(options);
    }
}
