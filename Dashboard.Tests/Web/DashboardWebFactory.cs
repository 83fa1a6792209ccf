using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Tests.Web;

/// <summary>
/// The whole web app in memory, in Development (demo sign-in), over its own SQLite file in the temp
/// folder that is deleted again when the factory is disposed.
/// </summary>
public class DashboardWebFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = [];
    private readonly List<Action<IServiceCollection>> _testServices = [];

    public DashboardWebFactory()
    {
        DatabasePath = Path.Combine(Path.GetTempPath(), $"dashboard-web-{Guid.NewGuid():N}.db");
        _settings["Dashboard:DatabasePath"] = DatabasePath;
        // The key ring is shared by the tests' apps; each app anchors its own chain in a file of its own.
        _settings["Dashboard:AuditAnchor:Path"] = AnchorPath;
    }

    /// <summary>The file this instance anchors its audit chain in.</summary>
    public string AnchorPath => DatabasePath + ".anchors.log";

    /// <summary>The SQLite file this instance of the app uses.</summary>
    public string DatabasePath { get; }

    /// <summary>The host environment; Development unless a test asks for another.</summary>
    public string Environment { get; init; } = Environments.Development;

    /// <summary>Adds a configuration value, as appsettings.json or an environment variable would.</summary>
    public DashboardWebFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Replaces or adds services after the app has registered its own.</summary>
    public DashboardWebFactory WithServices(Action<IServiceCollection> configure)
    {
        _testServices.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);

        // Host settings, so that Program sees them while it registers services (it reads AzureAd there).
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => _testServices.ForEach(configure => configure(services)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteDatabase();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteDatabase();
        GC.SuppressFinalize(this);
    }

    private void DeleteDatabase()
    {
        // Pooled connections keep the file open; release them before deleting it (and its WAL files).
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", AnchorPath })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Best effort: a file still held open is left in the temp folder.
            }
        }
    }
}
