using System.Data.Common;
using System.Runtime.CompilerServices;
using Dashboard.Domain.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Domain.Audit;

/// <summary>
/// Gives every connection the two SQL functions the audit trail's sealing trigger calls: <c>dashboard_audit_key()</c>,
/// the id of the key ring's current audit-chain key, and <c>dashboard_audit_hash(...)</c>, the entry's
/// <see cref="AuditSeal"/>. The trigger runs inside the writer's transaction, so EF saves, the import's prepared inserts
/// and the demo data's bulk writer are all sealed, in commit order, and a connection without the functions cannot add
/// audit entries at all. Registered on open, and on the first command for connections opened before EF saw them.
/// </summary>
public sealed class AuditChainInterceptor(KeyRing keyRing) : DbConnectionInterceptor, IDbCommandInterceptor
{
    public const string KeyFunction = "dashboard_audit_key";
    public const string HashFunction = "dashboard_audit_hash";
    public const string StoredHashFunction = "dashboard_audit_hash_v2";

    private static readonly ConditionalWeakTable<SqliteConnection, AuditChainInterceptor> Registered = [];
    private static readonly Lazy<AuditChainInterceptor> DefaultInterceptor = new(() => new AuditChainInterceptor(KeyRing.Default));

    /// <summary>Seals with the key ring at its default location, for contexts built without the application's settings.</summary>
    public static AuditChainInterceptor Default => DefaultInterceptor.Value;

    public KeyRing KeyRing { get; } = keyRing;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    public DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result)
    {
        if (result.Connection is { } connection)
        {
            Register(connection);
        }

        return result;
    }

    /// <summary>Adds the functions to <paramref name="connection"/> (kept by it across closing and reopening).</summary>
    public void Register(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || (Registered.TryGetValue(sqlite, out var by) && ReferenceEquals(by, this)))
        {
            return;
        }

        // The first connection of a start creates the key when the ring has none, and fails early if it cannot.
        _ = KeyRing.Current(KeyPurposes.AuditChain);
        sqlite.CreateFunction(KeyFunction, () => KeyRing.Current(KeyPurposes.AuditChain).Id, isDeterministic: false);
        sqlite.CreateFunction(HashFunction, (object?[] values) => Hash(values), isDeterministic: false);
        sqlite.CreateFunction(StoredHashFunction, (object?[] values) => StoredHash(values), isDeterministic: false);
        Registered.AddOrUpdate(sqlite, this);
    }

    /// <summary>Version 1, for the migration that seals entries written before the chain existed.</summary>
    private string Hash(object?[] values)
    {
        // Arguments come in AuditSeal.Columns order; the version and the key id are among them.
        var keyId = values[AuditSealColumns.KeyId] as string ?? throw new InvalidOperationException("An audit entry is sealed with a key id.");
        return AuditSeal.ComputeV1(Key(keyId), values);
    }

    /// <summary>The current version: each column as its type name and its stored bytes.</summary>
    private string StoredHash(object?[] typedBytes)
    {
        var keyId = typedBytes[(AuditSealColumns.KeyId * 2) + 1] is byte[] id
            ? System.Text.Encoding.UTF8.GetString(id)
            : throw new InvalidOperationException("An audit entry is sealed with a key id.");
        return AuditSeal.ComputeStored(Key(keyId), typedBytes);
    }

    private ReadOnlySpan<byte> Key(string keyId) =>
        (KeyRing.Find(KeyPurposes.AuditChain, keyId) ?? throw new InvalidOperationException($"The key ring has no audit-chain key {keyId}.")).Material.Span;
}

/// <summary>Positions in <see cref="AuditSeal.Columns"/>.</summary>
internal static class AuditSealColumns
{
    public const int SealVersion = 9;
    public const int KeyId = 10;
    public const int PreviousHash = 11;
}
