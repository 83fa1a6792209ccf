namespace Dashboard.Domain.Security;

/// <summary>
/// Files that hold customers' data (the database, its WAL and shared-memory files, backups) are readable and writable
/// by the app's user only, like the key ring: mode 600, in folders of mode 700 that the app creates. SQLite creates the
/// WAL and shared-memory files with the database file's mode, so a private database keeps them private. Windows keeps
/// the default location under the user's profile private already; nothing is changed there.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnly | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (mode 700) when it is missing; an existing folder is left as its owner set it.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, OwnerOnlyFolder);
        }
    }

    /// <summary>Creates an empty file of mode 600 (SQLite takes an empty file as a new database, and VACUUM INTO writes into one).</summary>
    public static void CreateEmpty(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using var _ = new FileStream(path, options);
    }

    /// <summary>Sets mode 600 on each of the files that exist.</summary>
    public static void Restrict(params string[] paths)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in paths.Where(File.Exists))
        {
            if (File.GetUnixFileMode(path) != OwnerOnly)
            {
                File.SetUnixFileMode(path, OwnerOnly);
            }
        }
    }

    /// <summary>A SQLite database and the files beside it that hold its pages.</summary>
    public static string[] DatabaseFiles(string database) => [database, database + "-wal", database + "-shm", database + "-journal"];
}
