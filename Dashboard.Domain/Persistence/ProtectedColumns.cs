using System.Linq.Expressions;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Quality;
using Dashboard.Domain.Review;
using Dashboard.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Domain.Persistence;

/// <summary>
/// The columns that hold sensitive values (phones, e-mails, addresses, and the records that copy them: audit changes,
/// held contact changes, merge journals, verification records; and the webhook signing secrets) and how each is
/// protected at rest: encrypted, or replaced by a keyed hash where the database compares values. Applied as EF value converters, so every writer that
/// goes through the model (SaveChanges, the import's and demo generator's bulk writers) stores the protected form,
/// and every query that compares a hashed column with a parameter hashes the parameter.
/// </summary>
public static class ProtectedColumns
{
    internal static void Apply(ModelBuilder modelBuilder, FieldProtector protector)
    {
        Encrypt<ContactPoint>(modelBuilder, protector, p => p.Value);
        Encrypt<CustomerCard>(modelBuilder, protector, c => c.Address);
        Encrypt<PendingChange>(modelBuilder, protector, c => c.ProposedJson);
        Encrypt<PendingChange>(modelBuilder, protector, c => c.BaseJson);
        Encrypt<MergeJournal>(modelBuilder, protector, j => j.StateJson);
        Encrypt<VerificationRecord>(modelBuilder, protector, v => v.OldValue);
        Encrypt<VerificationRecord>(modelBuilder, protector, v => v.NewValue);

        // Not personal data, but a secret that signs webhook deliveries: anyone with the file could forge them.
        Encrypt<Webhooks.WebhookEndpoint>(modelBuilder, protector, e => e.Secret);

        // The audit trail is append-only and sealed as stored: entries are encrypted when written and stay as written.
        Encrypt<AuditEntry>(modelBuilder, protector, e => e.ChangesJson);

        var hash = new HashingConverter(protector);
        modelBuilder.Entity<ContactPoint>().Property(p => p.Lookup).HasConversion(hash);
        modelBuilder.Entity<CardMatchKey>().Property(k => k.Key).HasConversion(hash);
    }

    /// <summary>The associated data an encrypted value of this column is bound to.</summary>
    public static string ColumnContext(string table, string column) => table + "." + column;

    private static void Encrypt<T>(ModelBuilder modelBuilder, FieldProtector protector, Expression<Func<T, string?>> property)
        where T : class
    {
        var entity = modelBuilder.Entity<T>();
        var builder = entity.Property(property);
        var context = ColumnContext(entity.Metadata.GetTableName()!, builder.Metadata.GetColumnName());
        builder.HasConversion((ValueConverter)new EncryptingConverter(protector, context));
    }
}

/// <summary>Stores a string encrypted for one column (see <see cref="FieldProtector.Encrypt"/>).</summary>
public sealed class EncryptingConverter(FieldProtector protector, string column)
    : ValueConverter<string, string>(plain => protector.Encrypt(plain, column), stored => protector.Decrypt(stored, column))
{
    /// <summary>The associated data the column's values are bound to, <c>Table.Column</c>.</summary>
    public string Column { get; } = column;
}

/// <summary>Stores a lookup key as its keyed hash (see <see cref="FieldProtector.Hash"/>); reads the hash back as it is.</summary>
public sealed class HashingConverter(FieldProtector protector)
    : ValueConverter<string, string>(plain => protector.Hash(plain), stored => stored);

/// <summary>Builds one EF model per key ring: the model's converters hold the ring's <see cref="FieldProtector"/>.</summary>
internal sealed class DashboardModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as DashboardDbContext)?.Protector.KeyRing.Folder, designTime);
}
