using Dashboard.Domain.Dashboards.Projection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

/// <summary>The pipeline projection: one row per card, written by raw SQL in the writer's transaction (CardFactsBuilder).</summary>
internal sealed class CardFactsConfiguration : IEntityTypeConfiguration<CardFacts>
{
    public void Configure(EntityTypeBuilder<CardFacts> builder)
    {
        builder.ToTable("CardFacts");
        builder.HasKey(f => f.CardId);
        builder.Property(f => f.CardId).ValueGeneratedNever();
        builder.Property(f => f.Facts).IsRequired();
    }
}
