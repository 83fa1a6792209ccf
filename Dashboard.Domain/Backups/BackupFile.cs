namespace Dashboard.Domain.Backups;

/// <summary>One finished backup: its file, when it was taken (UTC, from its name) and its size in bytes.</summary>
public sealed record BackupFile(string Name, string Path, DateTime TakenAt, long Size);

/// <summary>Where backups go, how many are kept, and the ones there now (newest first).</summary>
public sealed record BackupListing(string Directory, int Keep, IReadOnlyList<BackupFile> Files);

/// <summary>What a running backup is doing, for a progress display.</summary>
public enum BackupStep
{
    Copying,
    Checking,
    CleaningUp,
}
