using Dashboard.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Summary).HasMaxLength(Interaction.SummaryMaxLength);
        builder.Property(i => i.Outcome).HasMaxLength(Interaction.OutcomeMaxLength);
        builder.HasIndex(i => new { i.CardId, i.OccurredAt });
        builder.HasIndex(i => i.OccurredAt);

        // Weekly activity counts a period's interactions and distinct cards from the index alone; fetching CardId
        // from each row (in time order, scattered over the table) was half of the query's time.
        builder.HasIndex(i => new { i.OccurredAt, i.CardId });
    }
}
