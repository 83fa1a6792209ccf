using System.Diagnostics;
using System.Globalization;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Security;

/// <summary>What one pass of <see cref="FieldProtectionMaintenance"/> changed.</summary>
/// <param name="Encrypted">Values encrypted with the current key: plain values from before encryption, and values of an older key.</param>
/// <param name="Hashed">Keyed hashes filled in (contact points) or plain blocking keys replaced by theirs (duplicate match keys).</param>
/// <param name="KeyId">The field-encryption key every value is now encrypted with.</param>
public sealed record FieldProtectionReport(long Encrypted, long Hashed, string KeyId);

/// <summary>
/// Brings stored sensitive values up to the current protection, in batches and without blocking other writers for
/// long: encrypts values stored in plain text (a database from before encryption, migration FieldEncryption),
/// encrypts again with the current key the values of an older key (after <see cref="RotateAsync"/> or a key added
/// to the ring), and fills the keyed hashes. Runs at every start (<see cref="DatabaseInitializer"/>), where a
/// database already up to date costs one indexed-free scan per column, and from the <c>rotate-field-key</c> command.
/// Each row is changed only if it still holds the value that was read, so a save made meanwhile is never undone.
/// The audit trail is not rewritten: it is append-only and sealed as stored, so entries written before encryption
/// keep their values as written (they are masked on screen for roles without the right).
/// </summary>
public sealed class FieldProtectionMaintenance(IDbContextFactory<DashboardDbContext> dbFactory, ILogger logger, TimeProvider? clock = null)
{
    public const string RotateCommandName = "rotate-field-key";
    public const string RotatedAction = "field-key.rotated";
    public const int BatchSize = 1_000;

    /// <summary>Adds a new field-encryption key to the ring, then encrypts every stored value with it.</summary>
    public async Task<FieldProtectionReport> RotateAsync(IProgress<string>? progress = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var previous = db.Protector.KeyRing.Current(KeyPurposes.FieldEncryption);
        var key = db.Protector.KeyRing.Create(KeyPurposes.FieldEncryption);
        logger.LogInformation("Created field-encryption key {KeyId}; encrypting stored values with it", key.Id);
        var report = await RunAsync(progress, ct);

        // Key ids only: they name keys in the ring and reveal nothing of them.
        AuditLog.Record(db, Access.Actor.System, (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime, RotatedAction, "FieldEncryptionKey", key.Id,
            string.Create(CultureInfo.InvariantCulture, $"Rotated the field-encryption key; {report.Encrypted:N0} stored value(s) encrypted with the new key"),
            [new FieldChange("KeyId", previous.Id, key.Id)]);
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>
    /// Decrypts the first and the last stored value of every encrypted column (an index-free read of two rows each), so
    /// that a start with the wrong key ring (<c>Dashboard:KeyRingPath</c>) fails at once with
    /// <see cref="FieldDecryptionException"/> rather than on the first card opened.
    /// </summary>
    public async Task CheckKeysAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        foreach (var (table, column, converter) in EncryptedColumns(db.Model))
        {
            foreach (var order in new[] { "ASC", "DESC" })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT \"{column}\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL ORDER BY rowid {order} LIMIT 1";
                if (await command.ExecuteScalarAsync(ct) is string stored)
                {
                    db.Protector.Decrypt(stored, converter.Column);
                }
            }
        }
    }

    /// <summary>Encrypts what is plain or of an older key, and fills missing keyed hashes.</summary>
    public async Task<FieldProtectionReport> RunAsync(IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var protector = db.Protector;
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var currentPrefix = FieldProtector.EncryptedPrefix + protector.CurrentKeyId + ":";

        long encrypted = 0;
        foreach (var (table, column, converter) in EncryptedColumns(db.Model))
        {
            encrypted += await RewriteAsync(
                connection, table, [column], $"\"{column}\" IS NOT NULL AND substr(\"{column}\", 1, {currentPrefix.Length}) <> $prefix", currentPrefix,
                values => [protector.Encrypt(protector.Decrypt((string)values[0]!, converter.Column), converter.Column)], progress, ct);
        }

        // Contact points: the keyed hash of the lookup key (kind and value), where the migration left it empty.
        var valueContext = ProtectedColumns.ColumnContext("ContactPoints", "Value");
        long hashed = await RewriteAsync(
            connection, "ContactPoints", ["ValueHash", "Kind", "Value"], $"substr(\"ValueHash\", 1, {FieldProtector.HashPrefix.Length}) <> $prefix", FieldProtector.HashPrefix,
            values => [protector.Hash(ContactPoint.LookupOf(Enum.Parse<ContactKind>((string)values[1]!), protector.Decrypt((string)values[2]!, valueContext))), values[1], values[2]],
            progress, ct);

        // Duplicate blocking keys stored before: the same keys, hashed (they hold phones, e-mails and address parts).
        hashed += await RewriteAsync(
            connection, "CardMatchKeys", ["Key"], $"substr(\"Key\", 1, {FieldProtector.HashPrefix.Length}) <> $prefix", FieldProtector.HashPrefix,
            values => [protector.Hash((string)values[0]!)], progress, ct);

        if (encrypted + hashed > 0)
        {
            logger.LogInformation(
                "Protected stored sensitive values in {Elapsed:F1} s: {Encrypted} encrypted with key {KeyId}, {Hashed} keyed hashes written",
                Stopwatch.GetElapsedTime(started).TotalSeconds, encrypted, protector.CurrentKeyId, hashed);
        }

        return new FieldProtectionReport(encrypted, hashed, protector.CurrentKeyId);
    }

    /// <summary>The encrypted columns that may be rewritten: all but the append-only audit trail.</summary>
    internal static IEnumerable<(string Table, string Column, EncryptingConverter Converter)> EncryptedColumns(IModel model) =>
        from entityType in model.GetEntityTypes()
        where entityType.ClrType != typeof(AuditEntry)
        let table = entityType.GetTableName()
        where table is not null
        from property in entityType.GetProperties()
        let converter = property.GetTypeMapping().Converter as EncryptingConverter
        where converter is not null
        select (table, property.GetColumnName(), converter);

    /// <summary>
    /// Rewrites, batch by batch in rowid order, the rows of <paramref name="table"/> matching <paramref name="where"/>
    /// (<c>$prefix</c> bound to <paramref name="prefix"/>): <paramref name="rewrite"/> maps the values of
    /// <paramref name="columns"/> to their new values. A row changed since it was read is left to the next pass.
    /// </summary>
    private async Task<long> RewriteAsync(
        SqliteConnection connection, string table, string[] columns, string where, string prefix,
        Func<object?[], object?[]> rewrite, IProgress<string>? progress, CancellationToken ct)
    {
        var quoted = columns.Select(c => $"\"{c}\"").ToArray();
        long total;
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE {where}";
            count.Parameters.AddWithValue("$prefix", prefix);
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        if (total == 0)
        {
            return 0;
        }

        logger.LogInformation("Protecting {Total} stored value(s) of {Table}.{Column}", total, table, columns[0]);
        long done = 0;
        long after = long.MinValue;
        while (true)
        {
            var batch = new List<(long RowId, object?[] Values)>(BatchSize);
            await using (var read = connection.CreateCommand())
            {
                read.CommandText = $"SELECT rowid, {string.Join(", ", quoted)} FROM \"{table}\" WHERE rowid > $after AND {where} ORDER BY rowid LIMIT {BatchSize}";
                read.Parameters.AddWithValue("$after", after);
                read.Parameters.AddWithValue("$prefix", prefix);
                await using var reader = await read.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var values = new object?[columns.Length];
                    for (var i = 0; i < columns.Length; i++)
                    {
                        values[i] = reader.IsDBNull(i + 1) ? null : reader.GetValue(i + 1);
                    }

                    batch.Add((reader.GetInt64(0), values));
                }
            }

            if (batch.Count == 0)
            {
                break;
            }

            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
            {
                await using var update = connection.CreateCommand();
                update.Transaction = transaction;
                update.CommandText =
                    $"UPDATE \"{table}\" SET {string.Join(", ", quoted.Select((c, i) => $"{c} = $new{i}"))} WHERE rowid = $rowid AND " +
                    string.Join(" AND ", quoted.Select((c, i) => $"{c} IS $old{i}"));
                foreach (var (rowId, values) in batch)
                {
                    var replaced = rewrite(values);
                    update.Parameters.Clear();
                    update.Parameters.AddWithValue("$rowid", rowId);
                    for (var i = 0; i < columns.Length; i++)
                    {
                        update.Parameters.AddWithValue("$new" + i.ToString(CultureInfo.InvariantCulture), replaced[i] ?? DBNull.Value);
                        update.Parameters.AddWithValue("$old" + i.ToString(CultureInfo.InvariantCulture), values[i] ?? DBNull.Value);
                    }

                    done += await update.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
            }

            after = batch[^1].RowId;
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{table}.{columns[0]}: {done:N0} of {total:N0}"));
        }

        return done;
    }
}
