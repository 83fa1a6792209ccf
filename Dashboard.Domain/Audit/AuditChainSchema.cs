namespace Dashboard.Domain.Audit;

/// <summary>
/// The SQL that makes the audit trail a hash chain: a trigger that seals each inserted entry inside the writer's
/// transaction (SQLite's single writer puts the entries in commit order, so the chain cannot fork), triggers that refuse
/// to change or delete a sealed entry, and the one-off sealing of entries written before the chain existed. Used by the
/// AuditHashChain migration; the v1 statements must never change, a new format gets new statements and a new migration.
/// </summary>
public static class AuditChainSchema
{
    public const string Table = "AuditTrail";
    public const string SealTrigger = "AuditTrail_Seal";
    public const string NoUpdateTrigger = "AuditTrail_NoUpdate";
    public const string NoDeleteTrigger = "AuditTrail_NoDelete";

    public const string UpdateRefused = "The audit trail is append-only: a sealed entry cannot be changed.";
    public const string DeleteRefused = "The audit trail is append-only: an entry cannot be deleted.";

    private const string EntryColumns = """
        "Id", "At", "ActorId", "ActorName", "Action", "EntityType", "EntityId", "Summary", "ChangesJson"
        """;

    /// <summary>Seals each new entry: version, current key, the hash of the entry before it, and its own hash.</summary>
    public static readonly string CreateSealTriggerV1 = $"""
        CREATE TRIGGER "{SealTrigger}" AFTER INSERT ON "{Table}"
        BEGIN
            UPDATE "{Table}"
            SET "SealVersion" = s."Version", "KeyId" = s."KeyId", "PreviousHash" = s."PreviousHash",
                "Hash" = {AuditChainInterceptor.HashFunction}(NEW."Id", NEW."At", NEW."ActorId", NEW."ActorName", NEW."Action", NEW."EntityType",
                    NEW."EntityId", NEW."Summary", NEW."ChangesJson", s."Version", s."KeyId", s."PreviousHash")
            FROM (SELECT 1 AS "Version", {AuditChainInterceptor.KeyFunction}() AS "KeyId",
                    (SELECT p."Hash" FROM "{Table}" AS p WHERE p."Id" < NEW."Id" ORDER BY p."Id" DESC LIMIT 1) AS "PreviousHash") AS s
            WHERE "{Table}"."Id" = NEW."Id";
        END;
        """;

    /// <summary>
    /// Seals each new entry with version 2: every column handed to the function as its <c>typeof</c> and its bytes, so
    /// that no text is decoded on the way (version 1's function saw text only up to a NUL).
    /// </summary>
    public static readonly string CreateSealTriggerV2 = $"""
        CREATE TRIGGER "{SealTrigger}" AFTER INSERT ON "{Table}"
        BEGIN
            UPDATE "{Table}"
            SET "SealVersion" = s."Version", "KeyId" = s."KeyId", "PreviousHash" = s."PreviousHash",
                "Hash" = {AuditChainInterceptor.StoredHashFunction}({TypedBytes(EntryColumnNames.Select(c => $"NEW.\"{c}\"").Concat(["s.\"Version\"", "s.\"KeyId\"", "s.\"PreviousHash\""]))})
            FROM (SELECT 2 AS "Version", {AuditChainInterceptor.KeyFunction}() AS "KeyId",
                    (SELECT p."Hash" FROM "{Table}" AS p WHERE p."Id" < NEW."Id" ORDER BY p."Id" DESC LIMIT 1) AS "PreviousHash") AS s
            WHERE "{Table}"."Id" = NEW."Id";
        END;
        """;

    /// <summary>The sealed columns of a stored entry as the version 2 function takes them, for the verifier.</summary>
    public static string StoredSealArguments(string alias) => TypedBytes(AuditSeal.Columns.Select(c => $"{alias}.\"{c}\""));

    public static readonly string CreateNoUpdateTrigger = $"""
        CREATE TRIGGER "{NoUpdateTrigger}" BEFORE UPDATE ON "{Table}" WHEN OLD."Hash" IS NOT NULL
        BEGIN
            SELECT RAISE(ABORT, '{UpdateRefused}');
        END;
        """;

    public static readonly string CreateNoDeleteTrigger = $"""
        CREATE TRIGGER "{NoDeleteTrigger}" BEFORE DELETE ON "{Table}"
        BEGIN
            SELECT RAISE(ABORT, '{DeleteRefused}');
        END;
        """;

    public static readonly string CreateGuardTriggers = CreateNoUpdateTrigger + "\n" + CreateNoDeleteTrigger;

    /// <summary>Seals the entries that exist before the chain, in id order, with the current key (one pass, no app loop).</summary>
    public static readonly string SealExistingV1 = $"""
        CREATE TEMP TABLE "AuditSealing" AS
        WITH RECURSIVE
            "Seal"("Version", "KeyId") AS (SELECT 1, {AuditChainInterceptor.KeyFunction}()),
            "Chain"("Id", "Version", "KeyId", "PreviousHash", "Hash") AS (
                SELECT a."Id", s."Version", s."KeyId", NULL,
                    {AuditChainInterceptor.HashFunction}({Prefixed("a")}, s."Version", s."KeyId", NULL)
                FROM "{Table}" AS a, "Seal" AS s
                WHERE a."Id" = (SELECT MIN("Id") FROM "{Table}")
                UNION ALL
                SELECT a."Id", c."Version", c."KeyId", c."Hash",
                    {AuditChainInterceptor.HashFunction}({Prefixed("a")}, c."Version", c."KeyId", c."Hash")
                FROM "Chain" AS c
                JOIN "{Table}" AS a ON a."Id" = (SELECT MIN(n."Id") FROM "{Table}" AS n WHERE n."Id" > c."Id")
            )
        SELECT "Id", "Version", "KeyId", "PreviousHash", "Hash" FROM "Chain";
        UPDATE "{Table}"
        SET "SealVersion" = s."Version", "KeyId" = s."KeyId", "PreviousHash" = s."PreviousHash", "Hash" = s."Hash"
        FROM temp."AuditSealing" AS s
        WHERE "{Table}"."Id" = s."Id";
        DROP TABLE temp."AuditSealing";
        """;

    public static readonly string DropTriggers = $"""
        DROP TRIGGER IF EXISTS "{SealTrigger}";
        DROP TRIGGER IF EXISTS "{NoUpdateTrigger}";
        DROP TRIGGER IF EXISTS "{NoDeleteTrigger}";
        """;

    private static IEnumerable<string> EntryColumnNames => EntryColumns.Split(',').Select(c => c.Trim().Trim('"'));

    private static string TypedBytes(IEnumerable<string> expressions) =>
        string.Join(", ", expressions.Select(e => $"typeof({e}), CAST({e} AS BLOB)"));

    private static string Prefixed(string alias) =>
        string.Join(", ", EntryColumns.Split(',').Select(c => $"{alias}.{c.Trim()}"));
}
