using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Terminals;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class TerminalConfiguration : IEntityTypeConfiguration<Terminal>
{
    public void Configure(EntityTypeBuilder<Terminal> builder)
    {
        builder.Property(t => t.TerminalCode).HasMaxLength(8);
        builder.Property(t => t.LastActivationErrCode).HasMaxLength(8);
        builder.Property(t => t.LastActivationErrInfo).HasMaxLength(200);
        builder.HasOne(t => t.Merchant).WithMany().HasForeignKey(t => t.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Store).WithMany(s => s.Terminals).HasForeignKey(t => t.StoreId).OnDelete(DeleteBehavior.Restrict);
        // The pair ChinaUMS knows a terminal by.
        builder.HasIndex(t => new { t.MerchantId, t.TerminalCode }).IsUnique();
        builder.HasIndex(t => new { t.Activation, t.IsEnabled });
    }
}
