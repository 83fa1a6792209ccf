using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

internal sealed class CardMatchKeyConfiguration : IEntityTypeConfiguration<CardMatchKey>
{
    public void Configure(EntityTypeBuilder<CardMatchKey> builder)
    {
        builder.ToTable("CardMatchKeys");
        builder.HasKey(k => new { k.CardId, k.Key });
        builder.Property(k => k.Key).HasMaxLength(MatchKeys.MaxLength);

        // The scan's blocking: cards sharing a key, counted and listed from the index alone.
        builder.HasIndex(k => new { k.Key, k.CardId });
        builder.HasOne<CustomerCard>().WithMany().HasForeignKey(k => k.CardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DuplicateCandidateConfiguration : IEntityTypeConfiguration<DuplicateCandidate>
{
    public void Configure(EntityTypeBuilder<DuplicateCandidate> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();

        // Flags: stored as their number, since the names of several reasons together outgrow an enum column.
        builder.Property(c => c.Reasons).HasConversion<int>();
        builder.HasIndex(c => new { c.CardAId, c.CardBId }).IsUnique();
        builder.HasIndex(c => new { c.CardBId, c.Status });
        builder.HasIndex(c => new { c.Status, c.Score });
        builder.HasOne<CustomerCard>().WithMany().HasForeignKey(c => c.CardAId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CustomerCard>().WithMany().HasForeignKey(c => c.CardBId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MergeJournalConfiguration : IEntityTypeConfiguration<MergeJournal>
{
    public void Configure(EntityTypeBuilder<MergeJournal> builder)
    {
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.MergedByName).HasMaxLength(200);
        builder.HasIndex(j => j.SurvivorId);
        builder.HasIndex(j => j.MergedId);
        builder.HasOne<CustomerCard>().WithMany().HasForeignKey(j => j.SurvivorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CustomerCard>().WithMany().HasForeignKey(j => j.MergedId).OnDelete(DeleteBehavior.Cascade);
    }
}
