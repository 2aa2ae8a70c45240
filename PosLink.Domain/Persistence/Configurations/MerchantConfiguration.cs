using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Terminals;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class MerchantConfiguration : IEntityTypeConfiguration<Merchant>
{
    public void Configure(EntityTypeBuilder<Merchant> builder)
    {
        builder.Property(m => m.MerchantCode).HasMaxLength(15);
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.HasIndex(m => m.MerchantCode).IsUnique();
    }
}

public sealed class StoreConfiguration : IEntityTypeConfiguration<Store>
{
    public void Configure(EntityTypeBuilder<Store> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.HasOne(s => s.Merchant).WithMany(m => m.Stores).HasForeignKey(s => s.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.MerchantId, s.Name }).IsUnique();
    }
}
