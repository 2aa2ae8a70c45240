using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Guarantees;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class GatewayOperationConfiguration : IEntityTypeConfiguration<GatewayOperation>
{
    public void Configure(EntityTypeBuilder<GatewayOperation> builder)
    {
        builder.Property(o => o.SystemTraceNum).HasMaxLength(6);
        builder.Property(o => o.ErrCode).HasMaxLength(8);
        builder.Property(o => o.ErrInfo).HasMaxLength(200);
        builder.Property(o => o.ActorUserId).HasMaxLength(64);
        builder.Property(o => o.ActorName).HasMaxLength(50);
        builder.Property(o => o.RequestBody).HasMaxLength(4000);
        builder.Property(o => o.ResponseBody).HasMaxLength(4000);
        builder.Property(o => o.SettledNote).HasMaxLength(200);
        builder.HasOne(o => o.Terminal).WithMany().HasForeignKey(o => o.TerminalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.Guarantee).WithMany().HasForeignKey(o => o.GuaranteeId).OnDelete(DeleteBehavior.Restrict);

        // The backstop: a trace number is never used twice on one terminal in one China trade day.
        builder.HasIndex(o => new { o.TerminalId, o.TradeDate, o.SystemTraceNum }).IsUnique();
        builder.HasIndex(o => new { o.GuaranteeId, o.Id });
        builder.HasIndex(o => new { o.Outcome, o.CreatedAt });
        builder.HasIndex(o => new { o.CreatedAt, o.ErrCode });
    }
}
