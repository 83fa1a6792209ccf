namespace Dashboard.Domain.Backups;

/// <summary>
/// A lock file beside the database (<c>dashboard.db.lock</c>) that the running app holds exclusively for its whole life,
/// so that the restore command can tell that the app has the database open. SQLite's own locks cannot tell this: in WAL
/// mode an idle app holds no lock on the database file between requests. The operating system releases the lock when
/// the process ends, even by SIGKILL, so a crashed app never blocks a restore (the empty file may then stay behind; it
/// means nothing without the lock).
/// </summary>
public sealed class DatabaseLock : IDisposable
{
    private readonly FileStream _file;
    private readonly string _path;

    private DatabaseLock(FileStream file, string path)
    {
        _file = file;
        _path = path;
    }

    public static string PathFor(string databasePath) => Path.GetFullPath(databasePath) + ".lock";

    /// <summary>Takes the lock; null when another process (or another holder in this one) has it.</summary>
    public static DatabaseLock? TryAcquire(string databasePath)
    {
        var path = PathFor(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a sharing lock on Windows.
            return new DatabaseLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether some process holds the lock now.</summary>
    public static bool IsHeld(string databasePath)
    {
        using var probe = TryAcquire(databasePath);
        return probe is null;
    }

    public void Dispose()
    {
        try
        {
            // Deleted while still held, so that nobody takes a lock on a file that is about to go.
            File.Delete(_path);
        }
        catch (IOException)
        {
            // Windows does not delete an open file; an empty lock file left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }

        _file.Dispose();
    }
}
