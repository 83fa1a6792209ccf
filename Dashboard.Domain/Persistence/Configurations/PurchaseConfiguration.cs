using Dashboard.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Domain.Persistence.Configurations;

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Product).HasMaxLength(Purchase.ProductMaxLength);
        builder.Property(p => p.Currency).HasMaxLength(Purchase.CurrencyLength).IsFixedLength();
        builder.HasIndex(p => new { p.CardId, p.PurchasedOn });
        builder.HasIndex(p => new { p.PurchasedOn, p.Currency });
    }
}
