using Dashboard.Domain.Backups;
using Dashboard.Tests.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Security;

/// <summary>The database, its WAL and shared-memory files and its backups are readable by the app's user only (mode 600), like the key ring.</summary>
public sealed class PrivateFileModeTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task TheDatabaseItsWalAndItsBackups_AreMode600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var db = await AuditChainDatabase.CreateAsync();
        await db.CreateCardAsync(db.Actors.SalesEast, "王小明");

        var backup = await db.Services.GetRequiredService<BackupService>().CreateAsync(db.Actors.Admin);

        Assert.True(backup.Succeeded, backup.Message);
        var database = Path.Combine(db.Folder, "dashboard.db");
        // The WAL and shared-memory files exist while a connection is open (the test's connections are not pooled).
        await using var open = new Microsoft.Data.Sqlite.SqliteConnection(db.ConnectionString);
        await open.OpenAsync();
        await using (var read = open.CreateCommand())
        {
            read.CommandText = "SELECT COUNT(*) FROM Cards";
            await read.ExecuteScalarAsync();
        }

        foreach (var file in new[] { database, database + "-wal", database + "-shm", backup.Value!.Path })
        {
            Assert.True(File.Exists(file), file);
            Assert.Equal((file, OwnerOnly), (file, File.GetUnixFileMode(file)));
        }

        Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(backup.Value.Path)!));
    }

    [Fact]
    public async Task ADatabaseLeftReadableByAnEarlierVersion_IsMadePrivateAtStart()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var db = await AuditChainDatabase.CreateAsync();
        var database = Path.Combine(db.Folder, "dashboard.db");
        File.SetUnixFileMode(database, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await db.Services.GetRequiredService<Dashboard.Domain.Persistence.DatabaseInitializer>().InitializeAsync();

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(database));
    }
}
