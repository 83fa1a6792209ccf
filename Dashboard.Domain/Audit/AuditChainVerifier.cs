using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Audit;

/// <summary>What is wrong at the first broken link of the audit chain.</summary>
public enum AuditChainProblem
{
    /// <summary>The entry's columns no longer give its hash: it was edited (or sealed with another key of the same id).</summary>
    ContentChanged,

    /// <summary>The entry's link does not name the hash of the entry before it (entries reordered, or the link edited).</summary>
    LinkBroken,

    /// <summary>One or more entries before this one (or after the last one) were removed.</summary>
    EntryMissing,

    /// <summary>The entry is sealed with a key the key ring does not hold.</summary>
    UnknownKey,

    /// <summary>The entry carries no seal, or one of a format this version does not know.</summary>
    NotSealed,
}

/// <summary>The first broken link: the entry, its time, and what is wrong.</summary>
public sealed record AuditChainBreak(long EntryId, DateTime? At, AuditChainProblem Problem, string Detail);

/// <summary>The outcome of checking the whole chain: intact with its length and last hash, or the first broken link.</summary>
public sealed record AuditChainReport(long EntryCount, long? LastEntryId, string? LastHash, AuditChainBreak? FirstBreak)
{
    public bool IsIntact => FirstBreak is null;

    /// <summary>One line for the command and the audit trail.</summary>
    public string Describe() => FirstBreak is { } broken
        ? string.Create(CultureInfo.InvariantCulture, $"BROKEN at entry {broken.EntryId}{When(broken.At)}: {broken.Problem}: {broken.Detail}")
        : string.Create(CultureInfo.InvariantCulture, $"intact, {EntryCount} entries, last hash {LastHash ?? "(none)"}");

    private static string When(DateTime? at) =>
        at is { } time ? " (" + time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC)" : string.Empty;
}

/// <summary>How far a verification has got.</summary>
public sealed record AuditChainProgress(long Checked, long Total);

/// <summary>
/// Checks the audit trail's hash chain: streams the entries in id (commit) order in one read transaction and recomputes
/// every seal with the key ring, stopping at the first broken link. Each verification is itself audited.
/// </summary>
public sealed class AuditChainVerifier(IDbContextFactory<DashboardDbContext> dbFactory, KeyRing keyRing, TimeProvider clock)
{
    public const string VerifiedAction = "audit.verified";
    private const int ProgressEvery = 2_000;

    /// <summary>Verification for an Auditor or Admin (the page).</summary>
    public async Task<CommandResult<AuditChainReport>> VerifyAsync(Actor actor, IProgress<AuditChainProgress>? progress = null, CancellationToken ct = default)
    {
        if (!actor.IsInAny(Role.Auditor, Role.Admin))
        {
            return CommandResult<AuditChainReport>.From(CommandResult.Forbidden("Only auditors and Admins can verify the audit chain."));
        }

        return await VerifyAndRecordAsync(actor, progress, ct);
    }

    /// <summary>Verification by whoever can run the server's command line (<c>verify-audit</c>), audited as System.</summary>
    public Task<AuditChainReport> VerifyFromCommandLineAsync(CancellationToken ct = default) =>
        VerifyAndRecordAsync(Actor.System, null, ct);

    /// <summary>Checks the chain without recording that it was checked.</summary>
    public async Task<AuditChainReport> CheckAsync(IProgress<AuditChainProgress>? progress = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        // One read snapshot (deferred: writers go on): entries committed while the check runs are neither half-seen nor counted.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var total = await ScalarAsync(connection, transaction, $"SELECT COUNT(*) FROM \"{AuditChainSchema.Table}\"", ct);
        // AUTOINCREMENT remembers the highest id ever given, so removing the newest entries shows too.
        var highestIssued = await ScalarAsync(connection, transaction, $"SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{AuditChainSchema.Table}'), 0)", ct);

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {string.Join(", ", AuditSeal.Columns.Select(c => $"\"{c}\""))}, \"Hash\" FROM \"{AuditChainSchema.Table}\" ORDER BY \"Id\"";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new object?[AuditSeal.Columns.Count];
        long count = 0;
        long? previousId = null;
        string? previousHash = null;
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.GetValue(i);
            }

            var hash = reader.IsDBNull(values.Length) ? null : reader.GetValue(values.Length) as string;
            if (Check(values, hash, previousId, previousHash) is { } broken)
            {
                return new AuditChainReport(count, previousId, previousHash, broken);
            }

            count++;
            previousId = (long)values[0]!;
            previousHash = hash;
            if (count % ProgressEvery == 0)
            {
                progress?.Report(new AuditChainProgress(count, total));
            }
        }

        progress?.Report(new AuditChainProgress(count, total));
        if (highestIssued > (previousId ?? 0))
        {
            var missing = new AuditChainBreak(highestIssued, null, AuditChainProblem.EntryMissing,
                string.Create(CultureInfo.InvariantCulture, $"entries {(previousId ?? 0) + 1} to {highestIssued} were issued but are gone (the newest entries were removed)"));
            return new AuditChainReport(count, previousId, previousHash, missing);
        }

        return new AuditChainReport(count, previousId, previousHash, null);
    }

    private AuditChainBreak? Check(object?[] values, string? hash, long? previousId, string? previousHash)
    {
        var id = (long)values[0]!;
        var at = ParseTime(values[1]);
        AuditChainBreak Broken(AuditChainProblem problem, string detail) => new(id, at, problem, detail);

        if (values[AuditSealColumns.SealVersion] is not long version || hash is null)
        {
            return Broken(AuditChainProblem.NotSealed, "the entry carries no seal");
        }

        if (version != AuditSeal.CurrentVersion)
        {
            return Broken(AuditChainProblem.NotSealed, string.Create(CultureInfo.InvariantCulture, $"seal version {version} is unknown"));
        }

        var keyId = values[AuditSealColumns.KeyId] as string;
        if (keyId is null || keyRing.Find(KeyPurposes.AuditChain, keyId) is not { } key)
        {
            return Broken(AuditChainProblem.UnknownKey, $"the key ring at {keyRing.Folder} has no audit-chain key '{keyId}'");
        }

        var link = values[AuditSealColumns.PreviousHash] as string;
        var expectedId = (previousId ?? 0) + 1;
        if (id != expectedId && link != previousHash)
        {
            return Broken(AuditChainProblem.EntryMissing, id - expectedId == 1
                ? string.Create(CultureInfo.InvariantCulture, $"entry {expectedId} before it is gone")
                : string.Create(CultureInfo.InvariantCulture, $"entries {expectedId} to {id - 1} before it are gone"));
        }

        if (link != previousHash)
        {
            return Broken(AuditChainProblem.LinkBroken, previousId is null
                ? "the first entry links to an earlier entry that is not there"
                : string.Create(CultureInfo.InvariantCulture, $"it does not link to entry {previousId}"));
        }

        if (!string.Equals(AuditSeal.Compute(key.Material.Span, (int)version, values), hash, StringComparison.Ordinal))
        {
            return Broken(AuditChainProblem.ContentChanged, "its content no longer matches its hash");
        }

        return null;
    }

    private async Task<AuditChainReport> VerifyAndRecordAsync(Actor actor, IProgress<AuditChainProgress>? progress, CancellationToken ct)
    {
        var report = await CheckAsync(progress, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        AuditLog.Record(db, actor, clock.GetUtcNow().UtcDateTime, VerifiedAction, "AuditTrail", report.FirstBreak?.EntryId.ToString(CultureInfo.InvariantCulture) ?? "chain",
            $"Verified the audit chain: {report.Describe()}");
        await db.SaveChangesAsync(ct);
        return report;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static DateTime? ParseTime(object? stored) =>
        stored is string text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}
