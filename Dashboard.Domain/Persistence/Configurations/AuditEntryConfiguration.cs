using Dashboard.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // The sealing trigger (AuditChainSchema) rewrites each inserted row, which SQLite's RETURNING clause does not see.
        builder.ToTable(AuditChainSchema.Table, t => t.UseSqlReturningClause(false));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.ActorName).HasMaxLength(200);
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.ActionMaxLength);
        builder.Property(a => a.EntityType).HasMaxLength(AuditEntry.EntityTypeMaxLength);
        builder.Property(a => a.EntityId).HasMaxLength(AuditEntry.EntityIdMaxLength);
        builder.Property(a => a.Summary).HasMaxLength(AuditEntry.SummaryMaxLength);
        builder.Property(a => a.KeyId).HasMaxLength(AuditEntry.KeyIdMaxLength);
        builder.Property(a => a.PreviousHash).HasMaxLength(AuditSeal.HashLength);
        builder.Property(a => a.Hash).HasMaxLength(AuditSeal.HashLength);
        builder.Ignore(a => a.Changes);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.HasIndex(a => a.At);
    }
}
