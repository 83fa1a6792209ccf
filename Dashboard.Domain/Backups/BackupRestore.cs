using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dashboard.Domain.Backups;

/// <summary>How a restore ended: what was done, step by step, or why nothing was.</summary>
public sealed record BackupRestoreResult(bool Restored, string BackupPath, string DatabasePath, string? KeptAs, IReadOnlyList<string> Report);

/// <summary>
/// Puts a backup in place of the database file while the app is stopped. The backup must be an intact database of this
/// app (<see cref="SqliteFileCheck"/>) and the app must not hold the database (<see cref="DatabaseLock"/>); otherwise
/// nothing is touched. The current database is kept, renamed with its write-ahead log to
/// <c>&lt;name&gt;.before-restore-&lt;UTC time&gt;.db</c> (renaming keeps commits still in the log, which a plain copy
/// of the main file would lose, and works even if that database is damaged). The backup is copied beside the target
/// and renamed over it, so the database file is never half written. Migrations the backup lacks apply on the next start.
/// </summary>
public static class BackupRestore
{
    public static async Task<BackupRestoreResult> RestoreAsync(string backupPath, string databasePath, DateTime nowUtc, CancellationToken ct = default)
    {
        var backup = Path.GetFullPath(backupPath);
        var database = Path.GetFullPath(databasePath);
        var report = new List<string>();
        BackupRestoreResult Refused(string reason)
        {
            report.Add($"Refused: {reason}");
            report.Add($"Nothing was changed; {database} is as it was.");
            return new(false, backup, database, null, report);
        }

        if (string.Equals(backup, database, StringComparison.Ordinal))
        {
            return Refused("the backup is the database itself.");
        }

        if (await SqliteFileCheck.DashboardDatabaseProblemAsync(backup, ct) is { } problem)
        {
            return Refused(problem);
        }

        report.Add($"Checked {backup}: a dashboard database that passes PRAGMA integrity_check.");
        using var held = DatabaseLock.TryAcquire(database);
        if (held is null)
        {
            return Refused($"the app is running on {database} (it holds {DatabaseLock.PathFor(database)}); stop it first, then restore.");
        }

        // Connections this process pooled would otherwise keep the old file open.
        SqliteConnection.ClearAllPools();
        var keptAs = File.Exists(database) ? KeepCurrent(database, nowUtc, report) : null;
        try
        {
            TryDeleteSidecars(database);
            var incoming = database + ".restoring";
            File.Copy(backup, incoming, overwrite: true);
            Security.PrivateFiles.Restrict(incoming);
            File.Move(incoming, database, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (keptAs is not null && !File.Exists(database))
            {
                File.Move(keptAs, database);
                MoveIfExists(keptAs + "-wal", database + "-wal");
            }

            report.Add($"Failed while copying the backup: {ex.Message}");
            report.Add(keptAs is null ? "The database was not replaced." : $"The database was put back as it was ({database}).");
            return new(false, backup, database, null, report);
        }

        report.Add($"Copied {backup} to {database} ({new FileInfo(database).Length.ToString("N0", CultureInfo.InvariantCulture)} bytes).");
        report.Add("Migrations the backup lacks are applied when the app next starts.");
        return new(true, backup, database, keptAs, report);
    }

    private static string KeepCurrent(string database, DateTime nowUtc, List<string> report)
    {
        var directory = Path.GetDirectoryName(database)!;
        var stem = Path.GetFileNameWithoutExtension(database);
        var keptAs = Path.Combine(directory, $"{stem}.before-restore-{nowUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.db");
        for (var n = 2; File.Exists(keptAs); n++)
        {
            keptAs = Path.Combine(directory, $"{stem}.before-restore-{nowUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{n.ToString(CultureInfo.InvariantCulture)}.db");
        }

        File.Move(database, keptAs);
        var withLog = MoveIfExists(database + "-wal", keptAs + "-wal");
        report.Add($"Kept the current database as {keptAs}{(withLog ? " (with its write-ahead log, " + keptAs + "-wal)" : string.Empty)}.");
        return keptAs;
    }

    private static bool MoveIfExists(string from, string to)
    {
        if (!File.Exists(from))
        {
            return false;
        }

        File.Move(from, to, overwrite: true);
        return true;
    }

    /// <summary>A -wal or -shm left beside the target belongs to the old file and must not be replayed into the backup.</summary>
    private static void TryDeleteSidecars(string database)
    {
        foreach (var sidecar in new[] { database + "-wal", database + "-shm", database + "-journal" })
        {
            File.Delete(sidecar);
        }
    }
}
