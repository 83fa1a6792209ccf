using Dashboard.Domain;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Benchmarks;

/// <summary>
/// The domain services wired as the web application wires them (<see cref="DependencyInjection.AddDashboardDomain"/>),
/// over one database file, with an idle <see cref="SqlCommandRecorder"/> on the context options.
/// </summary>
internal sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private BenchmarkHost(ServiceProvider provider, SqlCommandRecorder recorder, string databasePath)
    {
        _provider = provider;
        Recorder = recorder;
        DatabasePath = databasePath;
    }

    public SqlCommandRecorder Recorder { get; }

    public string DatabasePath { get; }

    public static BenchmarkHost Create(string databasePath, TextWriter log)
    {
        var path = Path.GetFullPath(databasePath);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{DashboardOptions.SectionName}:{nameof(DashboardOptions.DatabasePath)}"] = path })
            .Build();
        var recorder = new SqlCommandRecorder();
        var services = new ServiceCollection()
            .AddLogging(logging => logging
                .AddProvider(new TextWriterLoggerProvider(log))
                // The domain's own summaries (e.g. the generator's timings); EF's per-command logging would drown them.
                .AddFilter((category, level) => level >= (category?.StartsWith("Dashboard.", StringComparison.Ordinal) == true ? LogLevel.Information : LogLevel.Warning)))
            .AddDashboardDomain(configuration);
        services.ConfigureDbContext<DashboardDbContext>(options => options.AddInterceptors(recorder));
        return new BenchmarkHost(services.BuildServiceProvider(), recorder, path);
    }

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>The connection string EF uses, for the raw connections that replay its SQL.</summary>
    public async Task<string> ConnectionStringAsync(CancellationToken ct)
    {
        await using var db = await Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(ct);
        return db.Database.GetConnectionString() ?? throw new InvalidOperationException("The context has no connection string.");
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();

        // Pooled connections keep the file open (and its WAL unmerged) until they are cleared.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
