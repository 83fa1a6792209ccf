using Dashboard.Domain.Tiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

internal sealed class TierPolicyConfiguration : IEntityTypeConfiguration<TierPolicy>
{
    public void Configure(EntityTypeBuilder<TierPolicy> builder)
    {
        builder.ToTable("TierPolicies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.Rules);
        builder.ComplexProperty(p => p.Vip, Threshold);
        builder.ComplexProperty(p => p.A, Threshold);
        builder.ComplexProperty(p => p.B, Threshold);
    }

    private static void Threshold(ComplexPropertyBuilder<TierThreshold> threshold) => threshold.Ignore(t => t.MinMonetary);
}
