using Dashboard.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

internal sealed class RemarkConfiguration : IEntityTypeConfiguration<Remark>
{
    public void Configure(EntityTypeBuilder<Remark> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Text).HasMaxLength(Remark.TextMaxLength);
        builder.HasMany(r => r.Versions).WithOne().HasForeignKey(v => v.RemarkId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RemarkVersionConfiguration : IEntityTypeConfiguration<RemarkVersion>
{
    public void Configure(EntityTypeBuilder<RemarkVersion> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Text).HasMaxLength(Remark.TextMaxLength);
    }
}
