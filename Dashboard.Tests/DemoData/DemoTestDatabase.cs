using Dashboard.Domain;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.DemoData;

/// <summary>A clock that always says the same time.</summary>
internal sealed class DemoTestClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>
/// A migrated database for demo data tests: SQLite in memory (one open connection shared by every
/// context) or a file, with the controlled lists seeded unless asked not to.
/// </summary>
internal sealed class DemoTestDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 30, 0, TimeSpan.Zero);

    private readonly SqliteConnection? _connection;
    private readonly string? _file;

    private DemoTestDatabase(SqliteConnection? connection, string? file, DbContextOptions<DashboardDbContext> options)
    {
        _connection = connection;
        _file = file;
        Factory = new ContextFactory(options);
    }

    public IDbContextFactory<DashboardDbContext> Factory { get; }

    public static async Task<DemoTestDatabase> InMemoryAsync(bool seedLists = true)
    {
        var connection = new SqliteConnection("Data Source=:memory:;Foreign Keys=True");
        await connection.OpenAsync();
        var database = new DemoTestDatabase(connection, null, new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(connection).Options);
        await database.PrepareAsync(seedLists);
        return database;
    }

    /// <summary>A database file in the temp folder (WAL, like the application's), deleted on dispose.</summary>
    public static async Task<DemoTestDatabase> FileAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"demo-data-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, ForeignKeys = true, DefaultTimeout = 30, Pooling = false }.ToString();
        var database = new DemoTestDatabase(null, file, new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite(connectionString).Options);
        await database.PrepareAsync(seedLists: true);
        return database;
    }

    public string? FilePath => _file;

    public DemoDataGenerator Generator(DateTimeOffset? now = null) =>
        new(Factory, new DemoTestClock(now ?? Now), Options.Create(new DashboardOptions()), NullLogger<DemoDataGenerator>.Instance);

    public CustomerCardQueries Queries() => new(Factory, Options.Create(new DashboardOptions()));

    public static Actor Admin() => new(Guid.NewGuid(), "Admin", new HashSet<Role> { Role.Admin }, null);

    public async Task<Actor> DemoSalesAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        var staff = await db.Staff.SingleAsync(s => s.ExternalId == "demo-sales");
        return new Actor(staff.Id, staff.DisplayName, new HashSet<Role> { Role.Sales }, staff.TeamId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_file is not null)
        {
            foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    private async Task PrepareAsync(bool seedLists)
    {
        await using (var db = await Factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        if (seedLists)
        {
            await new DatabaseInitializer(Factory, NullLogger<DatabaseInitializer>.Instance).InitializeAsync();
        }
    }

    private sealed class ContextFactory(DbContextOptions<DashboardDbContext> options) : IDbContextFactory<DashboardDbContext>
    {
        public DashboardDbContext CreateDbContext() => new(options);
    }
}
