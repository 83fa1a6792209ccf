using Dashboard.Domain;
using Dashboard.Domain.Backups;
using Dashboard.Domain.Persistence;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Backups;

/// <summary>
/// <c>dotnet run --project Dashboard.Web -- restore-backup &lt;file&gt; [--yes]</c>: replaces the configured database
/// (<c>Dashboard:DatabasePath</c>) with a backup while the app is stopped (<see cref="BackupRestore"/>), then brings it
/// up to date with the migrations, as the next start would, and records <c>backup.restored</c> in its audit trail.
/// Asks before replacing anything unless <c>--yes</c> is given.
/// </summary>
public static class RestoreBackupCommand
{
    public const string Name = "restore-backup";

    /// <summary>0 when restored, 1 when refused or not confirmed, 2 for a usage error.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IConfiguration configuration, TextWriter output, TextReader input, CancellationToken ct = default)
    {
        var yes = args.Any(a => a is "--yes" or "-y");
        var file = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (file is null)
        {
            await output.WriteLineAsync($"Usage: dotnet run --project Dashboard.Web -- {Name} <backup file> [--yes]");
            return 2;
        }

        var settings = configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new DashboardOptions();
        var database = settings.ResolveDatabasePath();
        await output.WriteLineAsync($"Restoring {Path.GetFullPath(file)} over {database}.");
        if (!yes)
        {
            await output.WriteAsync("The current database is kept beside it. Type yes to go on: ");
            var answer = await input.ReadLineAsync(ct);
            if (!string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
            {
                await output.WriteLineAsync(answer is null ? "No answer (no input); run with --yes to restore without asking. Nothing was changed." : "Not confirmed. Nothing was changed.");
                return 1;
            }
        }

        var result = await BackupRestore.RestoreAsync(file, database, DateTime.UtcNow, ct);
        foreach (var line in result.Report)
        {
            await output.WriteLineAsync(line);
        }

        if (!result.Restored)
        {
            return 1;
        }

        try
        {
            var services = new ServiceCollection().AddLogging().AddDashboardDomain(configuration);
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            // Anchors of entries newer than the backup no longer apply; the restore's own entry is anchored at once.
            var anchors = provider.GetRequiredService<Dashboard.Domain.Audit.AuditAnchorStore>();
            anchors.RecordRestore();
            await provider.GetRequiredService<BackupService>().RecordRestoreAsync(result, ct);
            await anchors.WriteHeadAsync(ct);
            await output.WriteLineAsync($"Applied any missing migrations and recorded {BackupService.RestoredAction} in the audit trail.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await output.WriteLineAsync($"The backup is in place, but it could not be brought up to date or audited now ({ex.Message}); the app retries the migrations when it starts.");
        }

        await output.WriteLineAsync("Done. Start the app as usual.");
        return 0;
    }
}
