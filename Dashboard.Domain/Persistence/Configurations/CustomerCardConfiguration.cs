using Dashboard.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

internal sealed class CustomerCardConfiguration : IEntityTypeConfiguration<CustomerCard>
{
    private const string LiveCards = "\"MergedIntoId\" IS NULL";

    public void Configure(EntityTypeBuilder<CustomerCard> builder)
    {
        builder.ToTable("Cards");
        builder.Ignore(c => c.Events);
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.Code).HasMaxLength(CustomerCard.CodeMaxLength);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.DisplayName).HasMaxLength(CustomerCard.NameMaxLength);
        builder.HasIndex(c => c.DisplayName);
        builder.Property(c => c.Name).HasMaxLength(CustomerCard.NameMaxLength);
        builder.Property(c => c.Company).HasMaxLength(CustomerCard.CompanyMaxLength);
        builder.Property(c => c.Title).HasMaxLength(CustomerCard.TitleMaxLength);
        builder.Property(c => c.Address).HasMaxLength(CustomerCard.AddressMaxLength);
        builder.Property(c => c.Postcode).HasMaxLength(CustomerCard.PostcodeMaxLength);
        builder.Property(c => c.Country).HasMaxLength(CustomerCard.CountryLength);

        // No foreign key on purpose: SQLite cannot add one to an existing table without rebuilding it (and its search triggers).
        // With the id, counting live cards and testing each against a drill-down's condition (reached a stage, contacted,
        // ...) reads this small index instead of the card rows.
        builder.HasIndex(c => new { c.MergedIntoId, c.Id });
        builder.HasIndex(c => c.MatchKeysVersion);
        builder.Property(c => c.SpecialNeeds).HasMaxLength(CustomerCard.SpecialNeedsMaxLength);
        builder.Property(c => c.TierReason).HasMaxLength(CustomerCard.TierReasonMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.OwnerId);
        builder.HasIndex(c => c.TeamId);
        builder.HasIndex(c => c.Stage);
        builder.HasIndex(c => c.Tier);
        builder.HasIndex(c => c.UpdatedAt);
        builder.HasIndex(c => c.CreatedAt);

        // The dashboard's tier breakdown by owner or by region, counted from the index alone instead of every card row.
        builder.HasIndex(c => new { c.OwnerId, c.Tier });
        builder.HasIndex(c => new { c.RegionId, c.Tier });

        // The customer list's usual orders over live (unmerged) cards, so a page is read in order and stops after 25 rows
        // instead of sorting every card. Owner, team and stage ride along so that a sales rep's own + team filter and the
        // stage filter are checked in the index.
        builder.HasIndex(c => new { c.UpdatedAt, c.Number, c.OwnerId, c.TeamId, c.Stage }, "IX_Cards_Live_UpdatedAt")
            .IsDescending(true, false, false, false, false)
            .HasFilter(LiveCards);
        builder.HasIndex(c => new { c.DisplayName, c.Number, c.OwnerId, c.TeamId, c.Stage }, "IX_Cards_Live_DisplayName").HasFilter(LiveCards);
        builder.HasIndex(c => new { c.Stage, c.DisplayName, c.Number }, "IX_Cards_Live_Stage_DisplayName").HasFilter(LiveCards);

        builder.HasOne(c => c.Industry).WithMany().HasForeignKey(c => c.IndustryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Region).WithMany().HasForeignKey(c => c.RegionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.SourceChannel).WithMany().HasForeignKey(c => c.SourceChannelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Owner).WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(c => c.ContactPoints).WithOne().HasForeignKey(p => p.CardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Interactions).WithOne().HasForeignKey(i => i.CardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Purchases).WithOne().HasForeignKey(p => p.CardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Remarks).WithOne().HasForeignKey(r => r.CardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.StageHistory).WithOne().HasForeignKey(t => t.CardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.CustomFieldValues).WithOne().HasForeignKey(v => v.CardId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Tags).WithMany().UsingEntity("CardTags");
        builder.HasMany(c => c.Interests).WithMany().UsingEntity("CardInterests");
    }
}
