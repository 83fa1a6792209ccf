using Dashboard.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

internal sealed class ContactPointConfiguration : IEntityTypeConfiguration<ContactPoint>
{
    public void Configure(EntityTypeBuilder<ContactPoint> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Label).HasMaxLength(ContactPoint.LabelMaxLength);
        // Stored encrypted; equality goes through the keyed hash of Lookup (ProtectedColumns), indexed with the
        // card in ContactPointQualityConfiguration.
        builder.Property(p => p.Value).HasMaxLength(ContactPoint.ValueMaxLength);
        builder.Property(p => p.Lookup).HasColumnName("ValueHash").HasMaxLength(64);
    }
}
