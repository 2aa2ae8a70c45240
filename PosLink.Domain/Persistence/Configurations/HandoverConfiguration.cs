using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Handovers;
using PosLink.Domain.Terminals;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class HandoverConfiguration : IEntityTypeConfiguration<Handover>
{
    public void Configure(EntityTypeBuilder<Handover> builder)
    {
        builder.Property(h => h.OutgoingUserId).HasMaxLength(450);
        builder.Property(h => h.OutgoingName).HasMaxLength(50);
        builder.Property(h => h.IncomingUserId).HasMaxLength(450);
        builder.Property(h => h.IncomingName).HasMaxLength(256);
        builder.HasOne<Store>().WithMany().HasForeignKey(h => h.StoreId).OnDelete(DeleteBehavior.Restrict);
        // A store's last handover: where the next shift starts.
        builder.HasIndex(h => new { h.StoreId, h.To });
    }
}
