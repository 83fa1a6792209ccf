namespace Dashboard.Domain.Backups;

/// <summary>Settings from the "Dashboard:Backups" configuration section.</summary>
public sealed class BackupOptions
{
    public const string SectionName = $"{DashboardOptions.SectionName}:Backups";

    public const int DefaultKeep = 14;

    /// <summary>Where backups go. Empty means a <c>backups</c> folder beside the database file.</summary>
    public string? Directory { get; set; }

    /// <summary>How many of the newest backups are kept; older ones are deleted after each new backup.</summary>
    public int Keep { get; set; } = DefaultKeep;

    /// <summary>The daily backup's time of day ("HH:mm") in the display time zone; empty for 03:00.</summary>
    public string? Time { get; set; }

    /// <summary>The folder for backups of the database at <paramref name="databasePath"/>.</summary>
    public string ResolveDirectory(string databasePath) =>
        string.IsNullOrWhiteSpace(Directory)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, "backups")
            : Path.GetFullPath(Directory);
}
