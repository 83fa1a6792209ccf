using System.Text.Json;

namespace Dashboard.Domain.Audit;

/// <summary>A before/after pair for one field.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>One line of the audit trail: who did what to which record, when, and what changed field by field.</summary>
public sealed class AuditEntry
{
    public const int ActionMaxLength = 50;
    public const int EntityTypeMaxLength = 50;
    public const int EntityIdMaxLength = 64;
    public const int SummaryMaxLength = 500;
    public const int KeyIdMaxLength = 64;

    private AuditEntry()
    {
        ActorName = string.Empty;
        Action = string.Empty;
        EntityType = string.Empty;
        EntityId = string.Empty;
    }

    public AuditEntry(DateTime at, Guid actorId, string actorName, string action, string entityType, string entityId, string? summary, IReadOnlyList<FieldChange> changes)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        // Cut before a surrogate pair rather than through it, which would store a replacement character.
        Summary = summary is { Length: > SummaryMaxLength }
            ? summary[..(char.IsHighSurrogate(summary[SummaryMaxLength - 1]) ? SummaryMaxLength - 1 : SummaryMaxLength)]
            : summary;
        ChangesJson = changes.Count == 0 ? null : JsonSerializer.Serialize(changes);
    }

    public long Id { get; private set; }

    /// <summary>UTC.</summary>
    public DateTime At { get; private set; }

    public Guid ActorId { get; private set; }

    public string ActorName { get; private set; }

    /// <summary>e.g. card.created, card.updated, card.stage-changed.</summary>
    public string Action { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    public string? Summary { get; private set; }

    public string? ChangesJson { get; private set; }

    /// <summary>The <see cref="AuditSeal"/> format the entry is sealed with; set by the database when the entry is inserted.</summary>
    public int? SealVersion { get; private set; }

    /// <summary>The key-ring key (purpose audit-chain) the entry is sealed with; set by the database.</summary>
    public string? KeyId { get; private set; }

    /// <summary>The hash of the entry before it in commit order (null for the first entry); set by the database.</summary>
    public string? PreviousHash { get; private set; }

    /// <summary>The entry's own <see cref="AuditSeal"/>; set by the database, after which the entry can no longer change.</summary>
    public string? Hash { get; private set; }

    public IReadOnlyList<FieldChange> Changes =>
        ChangesJson is null ? [] : JsonSerializer.Deserialize<List<FieldChange>>(ChangesJson) ?? [];

    /// <summary>The fields whose values differ between two snapshots.</summary>
    public static IReadOnlyList<FieldChange> Diff(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        before.Keys.Union(after.Keys)
            .Select(key => new FieldChange(key, before.GetValueOrDefault(key), after.GetValueOrDefault(key)))
            .Where(change => change.Before != change.After)
            .ToList();
}
