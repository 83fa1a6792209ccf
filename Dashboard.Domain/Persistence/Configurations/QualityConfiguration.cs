using Dashboard.Domain.Customers;
using Dashboard.Domain.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

internal sealed class QualityPolicyConfiguration : IEntityTypeConfiguration<QualityPolicy>
{
    public void Configure(EntityTypeBuilder<QualityPolicy> builder)
    {
        builder.ToTable("QualityPolicies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.Rules);
        builder.ComplexProperty(p => p.Individual, Requirements);
        builder.ComplexProperty(p => p.Company, Requirements);
        builder.ComplexProperty(p => p.Sla);
        builder.ComplexProperty(p => p.Weights, weights => weights.Ignore(w => w.Total));
    }

    // Sets of fields are stored as their number: the names of several together outgrow an enum column.
    private static void Requirements(ComplexPropertyBuilder<FieldRequirements> requirements)
    {
        requirements.Property(r => r.Required).HasConversion<int>();
        requirements.Property(r => r.Recommended).HasConversion<int>();
    }
}

internal sealed class VerificationRecordConfiguration : IEntityTypeConfiguration<VerificationRecord>
{
    public void Configure(EntityTypeBuilder<VerificationRecord> builder)
    {
        builder.ToTable("Verifications");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Label).HasMaxLength(ContactPoint.LabelMaxLength);
        builder.Property(v => v.OldValue).HasMaxLength(VerificationRecord.ValueMaxLength);
        builder.Property(v => v.NewValue).HasMaxLength(VerificationRecord.ValueMaxLength);
        builder.HasIndex(v => new { v.CardId, v.VerifiedAt });

        // Accuracy over a period reads the period's rows from the index alone, then each card by its key.
        builder.HasIndex(v => new { v.VerifiedAt, v.Outcome, v.CardId });
        builder.HasOne<CustomerCard>().WithMany().HasForeignKey(v => v.CardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QualitySnapshotConfiguration : IEntityTypeConfiguration<QualitySnapshot>
{
    public void Configure(EntityTypeBuilder<QualitySnapshot> builder)
    {
        builder.ToTable("QualitySnapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => new { s.TeamId, s.Day });
        builder.HasIndex(s => s.Day);
    }
}

/// <summary>The quality columns of <see cref="CustomerCard"/>, kept beside the feature rather than in the card's main configuration.</summary>
internal sealed class CustomerCardQualityConfiguration : IEntityTypeConfiguration<CustomerCard>
{
    public void Configure(EntityTypeBuilder<CustomerCard> builder)
    {
        builder.Property(c => c.QualityFailures).HasConversion<int>();

        // The list's band filter, and the overdue-for-verification filter and count.
        builder.HasIndex(c => c.QualityBand);
        builder.HasIndex(c => c.VerificationDueOn);

        // The quality page groups all visible cards by owner and team in one pass over this index instead of the card rows.
        builder.HasIndex(c => new { c.OwnerId, c.TeamId, c.QualityScore, c.QualityBand, c.QualityFailures, c.VerificationDueOn })
            .HasDatabaseName("IX_Cards_QualityFigures");
    }
}

/// <summary>
/// The quality page's shared-contact count groups contact values (by their keyed hash) with their cards from this
/// index alone; exact phone and e-mail lookups use its first column.
/// </summary>
internal sealed class ContactPointQualityConfiguration : IEntityTypeConfiguration<ContactPoint>
{
    public void Configure(EntityTypeBuilder<ContactPoint> builder) => builder.HasIndex(p => new { p.Lookup, p.CardId });
}
