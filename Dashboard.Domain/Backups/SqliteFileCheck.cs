using System.Text;
using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Backups;

/// <summary>Checks that a file is an intact SQLite database, and that it is this app's database.</summary>
public static class SqliteFileCheck
{
    private static readonly byte[] Header = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>The problem with the file as a whole sentence, or null when it passes PRAGMA integrity_check.</summary>
    public static async Task<string?> IntegrityProblemAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path))
        {
            return $"There is no file at {path}.";
        }

        var header = new byte[Header.Length];
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            if (await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct) < header.Length || !header.AsSpan().SequenceEqual(Header))
            {
                return $"{path} is not an SQLite database (it does not start with the SQLite file header).";
            }
        }

        try
        {
            await using var connection = Open(path);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            var findings = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (findings.Count < 5 && await reader.ReadAsync(ct))
                {
                    findings.Add(reader.GetString(0));
                }
            }

            return findings is ["ok"] ? null : $"{path} failed SQLite's integrity check: {string.Join("; ", findings)}.";
        }
        catch (SqliteException ex)
        {
            return $"{path} could not be read as an SQLite database ({ex.Message.TrimEnd('.')}); it is damaged or not a database.";
        }
    }

    /// <summary>
    /// Null when the file is an intact database of this app that the app can open: it has the app's tables and its
    /// migrations are all ones this version knows (older backups are fine: the missing migrations apply on start).
    /// </summary>
    public static async Task<string?> DashboardDatabaseProblemAsync(string path, CancellationToken ct = default)
    {
        if (await IntegrityProblemAsync(path, ct) is { } problem)
        {
            return problem;
        }

        try
        {
            await using var connection = Open(path);
            await using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'Cards', 'AuditTrail');";
            var found = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await tables.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    found.Add(reader.GetString(0));
                }
            }

            if (found.Count < 3)
            {
                return $"{path} is an SQLite database but not a Customer Card Dashboard database (it has no migration history, cards or audit trail).";
            }

            await using var history = connection.CreateCommand();
            history.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId;";
            var applied = new List<string>();
            await using (var reader = await history.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var known = KnownMigrations();
            var unknown = applied.Where(id => !known.Contains(id)).ToList();
            return unknown.Count > 0
                ? $"{path} was written by a newer version of the app (migration {unknown[0]} is unknown to this one); restore it with that version."
                : null;
        }
        catch (SqliteException ex)
        {
            return $"{path} could not be read as a dashboard database ({ex.Message.TrimEnd('.')}).";
        }
    }

    internal static SqliteConnection Open(string path, SqliteOpenMode mode = SqliteOpenMode.ReadOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static HashSet<string> KnownMigrations()
    {
        using var db = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
    }
}
