using System.Globalization;
using System.Text.RegularExpressions;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using Dashboard.Domain.Security;

namespace Dashboard.Domain.Backups;

/// <summary>
/// Online backups of the SQLite database (PRODUCT.md C8), by an Admin on demand or by the daily schedule.
/// <para>
/// The copy is made with <c>VACUUM INTO</c>: one statement that reads the database inside a single read transaction,
/// so the copy is exactly the committed state at its start while writers go on (WAL mode lets them), and it writes a
/// fresh, compacted file that needs no destination connection. (<c>SqliteConnection.BackupDatabase</c> would copy
/// page by page into an open destination, including free pages, to the same effect.) The copy goes to a hidden
/// <c>.partial</c> name, is switched from WAL to a self-contained rollback-journal file, must pass
/// <c>PRAGMA integrity_check</c>, and only then gets its final name, so a listed backup is always a whole one.
/// After each backup the oldest beyond <see cref="BackupOptions.Keep"/> are deleted. Every backup is audited.
/// </para>
/// </summary>
public sealed partial class BackupService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IOptions<DashboardOptions> dashboard,
    IOptions<BackupOptions> options,
    TimeProvider clock,
    ILogger<BackupService> logger)
{
    public const string CreatedAction = "backup.created";
    public const string RestoredAction = "backup.restored";
    private const string Entity = "Backup";
    private const string Forbidden = "Only an Admin can back up the database.";
    private int _running;

    /// <summary>Whether a backup is being made now (by anyone).</summary>
    public bool IsRunning => Volatile.Read(ref _running) == 1;

    /// <summary>Makes a backup now; the scheduler runs as <see cref="Actor.System"/>.</summary>
    public async Task<CommandResult<BackupFile>> CreateAsync(Actor actor, IProgress<BackupStep>? progress = null, CancellationToken ct = default)
    {
        if (!MayBackUp(actor))
        {
            return CommandResult<BackupFile>.From(CommandResult.Forbidden(Forbidden));
        }

        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return Failed("backup.running", "A backup is being made right now; wait for it to finish.");
        }

        string? partial = null;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var database = DatabasePathOf(connection);
            var directory = options.Value.ResolveDirectory(database);
            PrivateFiles.CreateDirectory(directory);
            var now = clock.GetUtcNow().UtcDateTime;
            var stem = StemOf(database);
            var target = FreeName(directory, $"{stem}-{now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}");
            partial = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");

            progress?.Report(BackupStep.Copying);
            // VACUUM INTO writes into an empty file: made private first, the copy is never readable by others.
            PrivateFiles.CreateEmpty(partial);
            await db.Database.OpenConnectionAsync(ct);
            await using (var vacuum = connection.CreateCommand())
            {
                vacuum.CommandText = "VACUUM INTO $path;";
                vacuum.Parameters.AddWithValue("$path", partial);
                vacuum.CommandTimeout = 0;
                await vacuum.ExecuteNonQueryAsync(ct);
            }

            progress?.Report(BackupStep.Checking);
            await MakeSelfContainedAsync(partial, ct);
            if (await SqliteFileCheck.IntegrityProblemAsync(partial, ct) is { } problem)
            {
                return Failed("backup.damaged", $"The backup failed its integrity check and was discarded: {problem}");
            }

            PrivateFiles.Restrict(partial);
            File.Move(partial, target);
            partial = null;
            var file = Describe(target);

            progress?.Report(BackupStep.CleaningUp);
            var deleted = ApplyRetention(directory, stem);
            AuditLog.Record(db, actor, now, CreatedAction, Entity, file.Name,
                $"Backed up the database to {file.Name} ({file.Size.ToString("N0", CultureInfo.InvariantCulture)} bytes); {deleted.Count.ToString(CultureInfo.InvariantCulture)} older backup(s) deleted",
                [new FieldChange("File", null, file.Path), .. deleted.Select(name => new FieldChange("Deleted", name, null))]);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Backed up the database to {Path} ({Size} bytes) for {Actor}; deleted {Deleted} old backup(s)", file.Path, file.Size, actor.DisplayName, deleted.Count);
            return file;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or DbUpdateException)
        {
            logger.LogError(ex, "The backup failed");
            return Failed("backup.failed", $"The backup failed: {ex.Message}");
        }
        finally
        {
            if (partial is not null)
            {
                TryDelete(partial);
            }

            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>The backup folder and the finished backups in it, newest first.</summary>
    public async Task<CommandResult<BackupListing>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (!CardAccess.CanConfigure(actor))
        {
            return CommandResult<BackupListing>.From(CommandResult.Forbidden("Only an Admin can see the backups."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var database = DatabasePathOf((SqliteConnection)db.Database.GetDbConnection());
        var directory = options.Value.ResolveDirectory(database);
        return new BackupListing(directory, Math.Max(1, options.Value.Keep), Backups(directory, StemOf(database)).Select(Describe).ToList());
    }

    /// <summary>Writes the <c>backup.restored</c> entry into the (restored and migrated) database.</summary>
    public async Task RecordRestoreAsync(BackupRestoreResult restore, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        AuditLog.Record(db, Actor.System, clock.GetUtcNow().UtcDateTime, RestoredAction, Entity, Path.GetFileName(restore.BackupPath),
            $"Restored the database from {restore.BackupPath}" + (restore.KeptAs is null ? string.Empty : $"; the database it replaced was kept as {restore.KeptAs}"),
            [new FieldChange("File", null, restore.BackupPath), new FieldChange("KeptAs", null, restore.KeptAs)]);
        await db.SaveChangesAsync(ct);
    }

    private static bool MayBackUp(Actor actor) => CardAccess.CanConfigure(actor) || ReferenceEquals(actor, Actor.System);

    private static CommandResult<BackupFile> Failed(string code, string message) =>
        CommandResult<BackupFile>.From(CommandResult.Invalid("Backup", code, message));

    private string DatabasePathOf(SqliteConnection connection) =>
        connection.DataSource is { Length: > 0 } path && path != ":memory:" ? Path.GetFullPath(path) : dashboard.Value.ResolveDatabasePath();

    private static string StemOf(string databasePath) => Path.GetFileNameWithoutExtension(databasePath);

    /// <summary>A name that is not taken yet: two backups in one second get -2, -3, ...</summary>
    private static string FreeName(string directory, string name)
    {
        var path = Path.Combine(directory, name + ".db");
        for (var n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(directory, $"{name}-{n.ToString(CultureInfo.InvariantCulture)}.db");
        }

        return path;
    }

    /// <summary>Backups of the database named <paramref name="stem"/>, newest first; other files are never touched.</summary>
    private static IEnumerable<string> Backups(string directory, string stem) =>
        !Directory.Exists(directory)
            ? []
            : Directory.EnumerateFiles(directory, stem + "-*.db")
                .Where(path => BackupName().Match(Path.GetFileName(path)) is { Success: true } m && m.Groups["stem"].Value == stem)
                .OrderByDescending(path => TakenAt(path))
                .ThenByDescending(path => path.Length)
                .ThenByDescending(path => path, StringComparer.Ordinal);

    private List<string> ApplyRetention(string directory, string stem)
    {
        var keep = Math.Max(1, options.Value.Keep);
        var deleted = new List<string>();
        foreach (var old in Backups(directory, stem).Skip(keep).ToList())
        {
            if (TryDelete(old))
            {
                deleted.Add(Path.GetFileName(old));
            }
        }

        return deleted;
    }

    private static BackupFile Describe(string path) => new(Path.GetFileName(path), path, TakenAt(path), new FileInfo(path).Length);

    private static DateTime TakenAt(string path) =>
        DateTime.ParseExact(BackupName().Match(Path.GetFileName(path)).Groups["at"].Value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static async Task MakeSelfContainedAsync(string path, CancellationToken ct)
    {
        // A backup is one file to copy around: no -wal beside it.
        await using var connection = SqliteFileCheck.Open(path, SqliteOpenMode.ReadWrite);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE;";
        await command.ExecuteNonQueryAsync(ct);
    }

    private bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not delete {Path}", path);
            return false;
        }
    }

    [GeneratedRegex(@"^(?<stem>.+)-(?<at>\d{8}T\d{6}Z)(-\d+)?\.db$", RegexOptions.CultureInvariant)]
    private static partial Regex BackupName();
}
