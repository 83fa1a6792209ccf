using System.Globalization;
using System.Security.Cryptography;
using Dashboard.Domain.Backups;
using Dashboard.Tests.Support;
using Dashboard.Web.Backups;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Backups;

/// <summary>
/// <c>restore-backup</c> puts an intact dashboard backup in place and keeps the database it replaces; anything else is
/// refused with a clear message and the current database is left exactly as it was.
/// </summary>
public sealed class RestoreBackupTests : IAsyncLifetime
{
    private FileDashboard _app = null!;

    public async Task InitializeAsync() => _app = await FileDashboard.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task RestoringABackup_PutsItsCardsBack_AndKeepsTheReplacedDatabase()
    {
        var kept = await _app.Cards.CreateAsync(_app.Actors.SalesEast, CardDraftBuilder.Individual("Before Backup").Build());
        var backup = (await _app.Backups.CreateAsync(_app.Actors.Admin)).Value!;
        var later = await _app.Cards.CreateAsync(_app.Actors.SalesEast, CardDraftBuilder.Individual("After Backup").Build());
        var target = await StopAppAsync();

        var (exit, output) = await RestoreAsync(backup.Path, target, "--yes");

        Assert.True(exit == 0, output);
        Assert.Contains($"Kept the current database as {Path.Combine(_app.Folder, "dashboard.before-restore-")}", output, StringComparison.Ordinal);
        Assert.Contains($"Copied {backup.Path} to {target}", output, StringComparison.Ordinal);
        Assert.Contains("recorded backup.restored in the audit trail", output, StringComparison.Ordinal);
        Assert.True(await HasCardAsync(target, kept.Value!.Id));
        Assert.False(await HasCardAsync(target, later.Value!.Id));
        var previous = Directory.GetFiles(_app.Folder, "dashboard.before-restore-*.db").Single();
        Assert.True(await HasCardAsync(previous, later.Value!.Id), "the replaced database, with what its write-ahead log held, is kept");
    }

    [Fact]
    public async Task AFileThatIsNotADatabase_IsRefused_AndTheDatabaseIsUntouched()
    {
        var notADatabase = Path.Combine(_app.Folder, "notes.db");
        await File.WriteAllTextAsync(notADatabase, "These are not the cards you are looking for.");
        var target = await StopAppAsync();
        var before = await FingerprintAsync(target);

        var (exit, output) = await RestoreAsync(notADatabase, target, "--yes");

        Assert.Equal(1, exit);
        Assert.Contains($"Refused: {notADatabase} is not an SQLite database", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", output, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync(target));
        Assert.Empty(Directory.GetFiles(_app.Folder, "*.before-restore-*"));
    }

    [Fact]
    public async Task ACorruptedBackup_IsRefused_AndTheDatabaseIsUntouched()
    {
        await _app.Cards.CreateAsync(_app.Actors.SalesEast, CardDraftBuilder.Individual("Some Card").Build());
        var backup = (await _app.Backups.CreateAsync(_app.Actors.Admin)).Value!;
        await CorruptAsync(backup.Path);
        var target = await StopAppAsync();
        var before = await FingerprintAsync(target);

        var (exit, output) = await RestoreAsync(backup.Path, target, "--yes");

        Assert.Equal(1, exit);
        Assert.Matches($"Refused: {System.Text.RegularExpressions.Regex.Escape(backup.Path)} (failed SQLite's integrity check|could not be read)", output);
        Assert.Equal(before, await FingerprintAsync(target));
        Assert.Empty(Directory.GetFiles(_app.Folder, "*.before-restore-*"));
    }

    [Fact]
    public async Task ASQLiteFileOfAnotherApp_IsRefused()
    {
        var other = Path.Combine(_app.Folder, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE Notes (Id INTEGER PRIMARY KEY, Text TEXT);";
            await command.ExecuteNonQueryAsync();
        }

        var target = await StopAppAsync();

        var (exit, output) = await RestoreAsync(other, target, "--yes");

        Assert.Equal(1, exit);
        Assert.Contains("is an SQLite database but not a Customer Card Dashboard database", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhileTheAppHoldsTheDatabase_RestoreIsRefused()
    {
        var backup = (await _app.Backups.CreateAsync(_app.Actors.Admin)).Value!;
        using var app = DatabaseLock.TryAcquire(_app.DatabasePath);
        Assert.NotNull(app);
        var before = await FingerprintAsync(_app.DatabasePath);

        var (exit, output) = await RestoreAsync(backup.Path, _app.DatabasePath, "--yes");

        Assert.Equal(1, exit);
        Assert.Contains($"the app is running on {_app.DatabasePath}", output, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync(_app.DatabasePath));
    }

    [Fact]
    public async Task WithoutYes_AndNoAnswer_NothingIsRestored()
    {
        var backup = (await _app.Backups.CreateAsync(_app.Actors.Admin)).Value!;
        var target = await StopAppAsync();
        var before = await FingerprintAsync(target);

        var (exit, output) = await RestoreAsync(backup.Path, target);

        Assert.Equal(1, exit);
        Assert.Contains("run with --yes to restore without asking", output, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync(target));
    }

    private async Task<string> StopAppAsync()
    {
        // Everything committed is in the file and its log; pooled connections let go of both.
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        return _app.DatabasePath;
    }

    private static async Task<(int Exit, string Output)> RestoreAsync(string backup, string database, params string[] options)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await RestoreBackupCommand.RunAsync([backup, .. options], FileDashboard.ConfigurationFor(database), output, TextReader.Null);
        return (exit, output.ToString());
    }

    private static async Task<bool> HasCardAsync(string path, Guid id)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Cards WHERE Id = $id;";
        command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    private static async Task<string> FingerprintAsync(string path)
    {
        var parts = new List<string>();
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            parts.Add(Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file))));
        }

        return string.Join("/", parts);
    }

    /// <summary>Overwrites the middle of the file (table and index pages) with noise, as a bad disk would.</summary>
    private static async Task CorruptAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var noise = new Random(7);
        for (var i = 4096 * 2; i < bytes.Length - 4096; i += 3)
        {
            bytes[i] = (byte)noise.Next(256);
        }

        await File.WriteAllBytesAsync(path, bytes);
    }
}
