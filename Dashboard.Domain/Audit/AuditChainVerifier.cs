using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Audit;

/// <summary>What is wrong at a broken link of the audit chain.</summary>
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

    /// <summary>A line of the anchor file outside the database does not carry a valid HMAC.</summary>
    AnchorNotGenuine,
}

/// <summary>One broken link: the entry (or, for a missing tail, the last entry issued), its time, and what is wrong.</summary>
public sealed record AuditChainBreak(long EntryId, DateTime? At, AuditChainProblem Problem, string Detail)
{
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"BROKEN at entry {EntryId}{When(At)}: {Problem}: {Detail}");

    internal static string When(DateTime? at) =>
        at is { } time ? " (" + time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC)" : string.Empty;
}

/// <summary>
/// The outcome of checking the whole chain: its length and last hash, every broken link found (the first
/// <see cref="AuditChainVerifier.MaxListedBreaks"/> of them listed, all counted), and the outside anchor checked against.
/// </summary>
public sealed record AuditChainReport(long EntryCount, long? LastEntryId, string? LastHash, IReadOnlyList<AuditChainBreak> Breaks, long BreakCount = 0, AuditAnchor? Anchor = null)
{
    public bool IsIntact => BreakCount == 0 && Breaks.Count == 0;

    public AuditChainBreak? FirstBreak => Breaks.Count == 0 ? null : Breaks[0];

    /// <summary>One line when intact; otherwise one line per break, then how many there are in all.</summary>
    public string Describe()
    {
        var anchor = Anchor is { } a
            ? string.Create(CultureInfo.InvariantCulture, $"; anchored through entry {a.EntryId}{AuditChainBreak.When(a.At)}")
            : string.Empty;
        if (IsIntact)
        {
            return string.Create(CultureInfo.InvariantCulture, $"intact, {EntryCount} entries, last hash {LastHash ?? "(none)"}{anchor}");
        }

        var lines = Breaks.Select(b => b.Describe()).ToList();
        var total = Math.Max(BreakCount, Breaks.Count);
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"{total} problem{(total == 1 ? string.Empty : "s")} in {EntryCount} entries{(total > Breaks.Count ? $" (the first {Breaks.Count} listed)" : string.Empty)}{anchor}"));
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>How far a verification has got.</summary>
public sealed record AuditChainProgress(long Checked, long Total);

/// <summary>
/// Checks the audit trail's hash chain: streams the entries in id (commit) order in one read transaction, recomputes
/// every seal with the key ring, and goes on past a broken link so that every break and every missing range is reported
/// (a harmless-looking first break must not hide a forgery behind it). The chain's head is compared with the anchors
/// written outside the database, so a removed tail shows. Each verification is itself audited.
/// </summary>
public sealed class AuditChainVerifier(IDbContextFactory<DashboardDbContext> dbFactory, KeyRing keyRing, AuditAnchorStore anchors, TimeProvider clock)
{
    public const string VerifiedAction = "audit.verified";

    /// <summary>The most breaks a report lists one by one; beyond it they are counted.</summary>
    public const int MaxListedBreaks = 1_000;

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
        // AUTOINCREMENT remembers the highest id ever given, so removing the newest entries shows too (unless reset).
        var highestIssued = await ScalarAsync(connection, transaction, $"SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{AuditChainSchema.Table}'), 0)", ct);
        // The anchors of this database's chain: those that name its first entry (the file may hold other databases' too).
        var anchorLog = anchors.Read();
        await using (var firstHash = connection.CreateCommand())
        {
            firstHash.Transaction = transaction;
            firstHash.CommandText = $"SELECT \"Hash\" FROM \"{AuditChainSchema.Table}\" ORDER BY \"Id\" LIMIT 1";
            anchorLog = anchorLog with { Anchors = anchorLog.Of(await firstHash.ExecuteScalarAsync(ct) as string) };
        }

        var anchored = anchorLog.Anchors.GroupBy(a => a.EntryId).ToDictionary(g => g.Key, g => g.Last());
        var latestAnchor = anchorLog.Anchors.Count == 0 ? null : anchorLog.Anchors.MaxBy(a => a.EntryId);

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {string.Join(", ", AuditSeal.Columns.Select(c => $"a.\"{c}\""))}, a.\"Hash\", {AuditChainSchema.StoredSealArguments("a")} FROM \"{AuditChainSchema.Table}\" AS a ORDER BY a.\"Id\"";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new object?[AuditSeal.Columns.Count];
        var stored = new object?[AuditSeal.Columns.Count * 2];
        var breaks = new List<AuditChainBreak>();
        long breakCount = 0;
        void Add(AuditChainBreak broken)
        {
            breakCount++;
            if (breaks.Count < MaxListedBreaks)
            {
                breaks.Add(broken);
            }
        }

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
            for (var i = 0; i < stored.Length; i++)
            {
                stored[i] = reader.IsDBNull(values.Length + 1 + i) ? null : reader.GetValue(values.Length + 1 + i);
            }

            foreach (var broken in Check(values, stored, hash, previousId, previousHash))
            {
                Add(broken);
            }

            var id = (long)values[0]!;
            if (anchored.TryGetValue(id, out var anchor) && !string.Equals(anchor.Hash, hash, StringComparison.Ordinal))
            {
                Add(new AuditChainBreak(id, ParseTime(values[1]), AuditChainProblem.ContentChanged,
                    string.Create(CultureInfo.InvariantCulture, $"its hash differs from the one anchored outside the database at {anchor.At:yyyy-MM-dd HH:mm:ss} UTC (the entry was replaced)")));
            }

            count++;
            previousId = id;
            previousHash = hash;
            if (count % ProgressEvery == 0)
            {
                progress?.Report(new AuditChainProgress(count, total));
            }
        }

        progress?.Report(new AuditChainProgress(count, total));
        var last = previousId ?? 0;
        if (highestIssued > last)
        {
            Add(new AuditChainBreak(highestIssued, null, AuditChainProblem.EntryMissing,
                string.Create(CultureInfo.InvariantCulture, $"entries {last + 1} to {highestIssued} were issued but are gone (the newest entries were removed)")));
        }

        if (latestAnchor is { } latest && latest.EntryId > Math.Max(last, highestIssued))
        {
            Add(new AuditChainBreak(latest.EntryId, latest.At, AuditChainProblem.EntryMissing,
                string.Create(CultureInfo.InvariantCulture, $"entries {last + 1} to {latest.EntryId} were in the chain when it was anchored outside the database, but are gone (the newest entries were removed)")));
        }

        foreach (var problem in anchorLog.Problems)
        {
            Add(new AuditChainBreak(last, null, AuditChainProblem.AnchorNotGenuine, $"{problem} ({anchors.FilePath})"));
        }

        return new AuditChainReport(count, previousId, previousHash, breaks, breakCount, latestAnchor);
    }

    private IEnumerable<AuditChainBreak> Check(object?[] values, object?[] stored, string? hash, long? previousId, string? previousHash)
    {
        var id = (long)values[0]!;
        var at = ParseTime(values[1]);
        AuditChainBreak Broken(AuditChainProblem problem, string detail) => new(id, at, problem, detail);

        var link = values[AuditSealColumns.PreviousHash] as string;
        var expectedId = (previousId ?? 0) + 1;
        if (id != expectedId && link != previousHash)
        {
            yield return Broken(AuditChainProblem.EntryMissing, id - expectedId == 1
                ? string.Create(CultureInfo.InvariantCulture, $"entry {expectedId} before it is gone")
                : string.Create(CultureInfo.InvariantCulture, $"entries {expectedId} to {id - 1} before it are gone"));
        }
        else if (link != previousHash)
        {
            yield return Broken(AuditChainProblem.LinkBroken, previousId is null
                ? "the first entry links to an earlier entry that is not there"
                : string.Create(CultureInfo.InvariantCulture, $"it does not link to entry {previousId}"));
        }

        if (values[AuditSealColumns.SealVersion] is not long version || hash is null)
        {
            yield return Broken(AuditChainProblem.NotSealed, "the entry carries no seal");
            yield break;
        }

        if (version is not (1 or AuditSeal.CurrentVersion))
        {
            yield return Broken(AuditChainProblem.NotSealed, string.Create(CultureInfo.InvariantCulture, $"seal version {version} is unknown"));
            yield break;
        }

        var keyId = values[AuditSealColumns.KeyId] as string;
        if (keyId is null || keyRing.Find(KeyPurposes.AuditChain, keyId) is not { } key)
        {
            yield return Broken(AuditChainProblem.UnknownKey, $"the key ring at {keyRing.Folder} has no audit-chain key '{keyId}'");
            yield break;
        }

        var expected = version == 1 ? AuditSeal.ComputeV1(key.Material.Span, values) : AuditSeal.ComputeStored(key.Material.Span, stored);
        if (!string.Equals(expected, hash, StringComparison.Ordinal))
        {
            yield return Broken(AuditChainProblem.ContentChanged, "its content no longer matches its hash");
        }
    }

    private async Task<AuditChainReport> VerifyAndRecordAsync(Actor actor, IProgress<AuditChainProgress>? progress, CancellationToken ct)
    {
        var report = await CheckAsync(progress, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        AuditLog.Record(db, actor, clock.GetUtcNow().UtcDateTime, VerifiedAction, "AuditTrail", report.FirstBreak?.EntryId.ToString(CultureInfo.InvariantCulture) ?? "chain",
            $"Verified the audit chain: {report.Describe().ReplaceLineEndings("; ")}");
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
