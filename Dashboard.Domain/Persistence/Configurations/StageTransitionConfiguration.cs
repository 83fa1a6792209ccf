using Dashboard.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

internal sealed class StageTransitionConfiguration : IEntityTypeConfiguration<StageTransition>
{
    public void Configure(EntityTypeBuilder<StageTransition> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.HasIndex(t => new { t.CardId, t.At });
        builder.HasIndex(t => new { t.To, t.At });

        // The dashboard's time in stage finds when each stay began: the card's latest move into the stage
        // (CardId = ? AND To = ? AND At <= ?). Without it SQLite, which has no statistics here, picks (To, At)
        // and reads every earlier move into that stage for each stay: the dashboard never finished at 100,000 cards.
        builder.HasIndex(t => new { t.CardId, t.To, t.At });

        // Conversions look up where each card moved next (CardId = ? AND From = ? AND At in the period), from the index alone.
        builder.HasIndex(t => new { t.CardId, t.From, t.At, t.To });

        // Funnel, conversions and time in stage start from the moves in the period. Covering, so that SQLite reads
        // them in index order instead of looking up each row in the table (measured 4x faster at 100,000 cards).
        builder.HasIndex(t => new { t.At, t.To, t.From, t.CardId });
    }
}
