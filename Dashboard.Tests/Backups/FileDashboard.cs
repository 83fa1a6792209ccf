using Dashboard.Domain;
using Dashboard.Domain.Backups;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Backups;

/// <summary>
/// The domain services wired by <see cref="DependencyInjection.AddDashboardDomain"/> from configuration, as the app
/// wires them, over a real SQLite file in WAL mode in a temporary folder (deleted afterwards), so that several writers,
/// backups and restores work on files as they do in production.
/// </summary>
public sealed class FileDashboard : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private FileDashboard(string folder, IConfiguration configuration, ServiceProvider provider, Actors actors)
    {
        Folder = folder;
        Configuration = configuration;
        _provider = provider;
        Actors = actors;
    }

    public string Folder { get; }

    public IConfiguration Configuration { get; }

    public string DatabasePath => Configuration["Dashboard:DatabasePath"]!;

    public Actors Actors { get; }

    public IServiceProvider Services => _provider;

    public CustomerCardService Cards => _provider.GetRequiredService<CustomerCardService>();

    public BackupService Backups => _provider.GetRequiredService<BackupService>();

    /// <summary>A new app over <c>dashboard.db</c> in <paramref name="folder"/> (a new temporary folder when null).</summary>
    public static async Task<FileDashboard> StartAsync(string? folder = null, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), $"dashboard-backup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var configuration = ConfigurationFor(Path.Combine(folder, "dashboard.db"), settings);
        var services = new ServiceCollection().AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddDashboardDomain(configuration);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var actors = await Actors.CreateAsync(provider.GetRequiredService<Dashboard.Domain.Access.StaffDirectory>());
        return new FileDashboard(folder, configuration, provider, actors);
    }

    public static IConfiguration ConfigurationFor(string databasePath, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Dashboard:DatabasePath"] = databasePath };
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public DashboardDbContext CreateContext() => _provider.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContext();

    /// <summary>PRAGMA integrity_check's first line for the database file at <paramref name="path"/>.</summary>
    public static async Task<string> IntegrityCheckAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open stays in the temp folder.
        }
    }
}
