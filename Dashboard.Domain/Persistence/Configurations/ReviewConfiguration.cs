using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

internal sealed class ReviewSettingsConfiguration : IEntityTypeConfiguration<ReviewSettings>
{
    public void Configure(EntityTypeBuilder<ReviewSettings> builder)
    {
        builder.ToTable("ReviewSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}

internal sealed class PendingChangeConfiguration : IEntityTypeConfiguration<PendingChange>
{
    public void Configure(EntityTypeBuilder<PendingChange> builder)
    {
        builder.ToTable("PendingChanges");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Reason).HasMaxLength(PendingChange.ReasonMaxLength);

        // Deciding twice is refused: the status is the concurrency token.
        builder.Property(p => p.Status).IsConcurrencyToken();
        builder.Ignore(p => p.ProposedContacts);
        builder.Ignore(p => p.BaseContacts);
        builder.Ignore(p => p.ProposedTier);
        builder.HasIndex(p => new { p.Status, p.CardId });
        builder.HasIndex(p => p.CardId);
        builder.HasOne<CustomerCard>().WithMany().HasForeignKey(p => p.CardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(p => p.MakerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.TextKey).HasMaxLength(Notification.TextMaxLength);
        builder.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength);
        builder.Ignore(n => n.Args);
        builder.HasIndex(n => new { n.RecipientId, n.CreatedAt });
        builder.HasOne<StaffMember>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}
