using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Audit;

/// <summary>Settings from the "Dashboard:AuditAnchor" configuration section.</summary>
public sealed class AuditAnchorOptions
{
    public const string SectionName = $"{DashboardOptions.SectionName}:AuditAnchor";

    /// <summary>The anchor file. Empty means <c>audit-anchors.log</c> beside the key ring's folder.</summary>
    public string? Path { get; set; }

    /// <summary>How often the chain's head is written to the anchor file (when it moved); default five minutes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    public string ResolvePath(KeyRing keyRing) =>
        string.IsNullOrWhiteSpace(Path)
            ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(keyRing.Folder) ?? keyRing.Folder, "audit-anchors.log")
            : System.IO.Path.GetFullPath(Path);
}

/// <summary>
/// The head of the audit chain at a moment, as written outside the database, with the hash of the chain's first entry,
/// which tells the chains of different databases apart (a database started afresh with the same key ring).
/// </summary>
public sealed record AuditAnchor(DateTime At, long EntryId, string Hash, string FirstHash);

/// <summary>What the anchor file says: the anchors since the last restore, and lines that are not genuine.</summary>
public sealed record AuditAnchorLog(IReadOnlyList<AuditAnchor> Anchors, DateTime? RestoredAt, IReadOnlyList<string> Problems)
{
    /// <summary>The anchors of the chain that starts with the entry whose hash is <paramref name="firstHash"/>.</summary>
    public IReadOnlyList<AuditAnchor> Of(string? firstHash) => Anchors.Where(a => a.FirstHash == firstHash).ToList();
}

/// <summary>
/// An outside record of the audit chain's head, so that removing the newest entries (and resetting the id sequence)
/// shows: the chain itself cannot tell a removed tail from one never written. Each line of the file (readable by the
/// app's user only) carries the entry id, its hash and an HMAC with the audit-chain key; restoring a backup writes a
/// line after which older anchors no longer apply.
/// </summary>
public sealed class AuditAnchorStore(IOptions<AuditAnchorOptions> options, KeyRing keyRing, IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    private static readonly Lock FileLock = new();

    public string FilePath => options.Value.ResolvePath(keyRing);

    /// <summary>Writes the chain's newest entry to the anchor file when it differs from the last anchor; returns what was written.</summary>
    public async Task<AuditAnchor?> WriteHeadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sealedEntries = db.AuditEntries.AsNoTracking().Where(a => a.Hash != null);
        var head = await sealedEntries.OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(ct);
        var first = await sealedEntries.OrderBy(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct);
        if (head is null || first is null || Read().Of(first) is [.., var latest] && latest.EntryId == head.Id && latest.Hash == head.Hash)
        {
            return null;
        }

        var anchor = new AuditAnchor(clock.GetUtcNow().UtcDateTime, head.Id, head.Hash!, first);
        Append(new Line("anchor", anchor.At, anchor.EntryId, anchor.Hash, anchor.FirstHash, null, null));
        return anchor;
    }

    /// <summary>Records that the database was replaced by a backup: anchors written before now no longer apply.</summary>
    public void RecordRestore() => Append(new Line("restore", clock.GetUtcNow().UtcDateTime, null, null, null, null, null));

    /// <summary>The anchors written since the last restore; lines whose HMAC does not hold are reported, not used.</summary>
    public AuditAnchorLog Read()
    {
        var path = FilePath;
        if (!File.Exists(path))
        {
            return new AuditAnchorLog([], null, []);
        }

        var anchors = new List<AuditAnchor>();
        var problems = new List<string>();
        DateTime? restoredAt = null;
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            Line? line;
            try
            {
                line = JsonSerializer.Deserialize<Line>(text);
            }
            catch (JsonException)
            {
                line = null;
            }

            if (line is null || !IsGenuine(line))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"line {number} of the anchor file is not genuine"));
                continue;
            }

            if (line.Kind == "restore")
            {
                anchors.Clear();
                restoredAt = line.At;
            }
            else if (line is { Kind: "anchor", EntryId: { } id, Hash: { } hash, First: { } first })
            {
                anchors.Add(new AuditAnchor(line.At, id, hash, first));
            }
        }

        return new AuditAnchorLog(anchors, restoredAt, problems);
    }

    private bool IsGenuine(Line line)
    {
        if (line.KeyId is not { } keyId || line.Mac is not { Length: 64 } mac || keyRing.Find(KeyPurposes.AuditChain, keyId) is not { } key)
        {
            return false;
        }

        try
        {
            return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(mac), Mac(key, line));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private void Append(Line line)
    {
        var key = keyRing.Current(KeyPurposes.AuditChain);
        var signed = line with { KeyId = key.Id };
        signed = signed with { Mac = Convert.ToHexStringLower(Mac(key, signed)) };
        var path = FilePath;
        lock (FileLock)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var fileOptions = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, fileOptions);
            stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(signed) + "\n"));
            stream.Flush(flushToDisk: true);
        }
    }

    private static byte[] Mac(RingKey key, Line line) => HMACSHA256.HashData(key.Material.Span, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"audit-anchor/v1|{line.Kind}|{line.At:O}|{line.EntryId}|{line.Hash}|{line.First}|{line.KeyId}")));

    private sealed record Line(string Kind, DateTime At, long? EntryId, string? Hash, string? First, string? KeyId, string? Mac);
}
