using Dashboard.Domain;
using Dashboard.Domain.Backups;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Backups;

/// <summary>Holds the <see cref="DatabaseLock"/> while the app runs, so that <c>restore-backup</c> refuses to replace the database under it.</summary>
internal sealed class DatabaseLockHolder(IOptions<DashboardOptions> options, ILogger<DatabaseLockHolder> logger) : IHostedService, IDisposable
{
    private DatabaseLock? _lock;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.ResolveDatabasePath();
        _lock = DatabaseLock.TryAcquire(path);
        if (_lock is null)
        {
            logger.LogWarning("Another process holds {LockFile}: another instance of the app (or a restore) is using this database", DatabaseLock.PathFor(path));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
