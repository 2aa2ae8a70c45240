using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Terminals;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class GuaranteeConfiguration : IEntityTypeConfiguration<Guarantee>
{
    public void Configure(EntityTypeBuilder<Guarantee> builder)
    {
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.Property(g => g.MerchantOrderId).HasMaxLength(50);
        builder.Property(g => g.MerchantRemark).HasMaxLength(120);
        builder.Property(g => g.AttachedData).HasMaxLength(256);
        builder.Property(g => g.PayCodeMasked).HasMaxLength(32);
        builder.Property(g => g.SystemTraceNum).HasMaxLength(6);
        builder.Property(g => g.OrderId).HasMaxLength(64);
        builder.Property(g => g.AuthorizationCode).HasMaxLength(16);
        builder.Property(g => g.RetrievalRefNum).HasMaxLength(16);
        builder.Property(g => g.FinalRetrievalRefNum).HasMaxLength(16);
        builder.Property(g => g.ThirdPartyName).HasMaxLength(50);
        builder.Property(g => g.DiscountInstruction).HasMaxLength(200);
        builder.Property(g => g.LastErrCode).HasMaxLength(8);
        builder.Property(g => g.LastErrInfo).HasMaxLength(200);
        builder.Property(g => g.AttentionReason).HasMaxLength(200);
        builder.Property(g => g.CreatedByUserId).HasMaxLength(64);
        builder.Property(g => g.CreatedByName).HasMaxLength(50);
        builder.Property(g => g.FinalizedByUserId).HasMaxLength(64);
        builder.Property(g => g.FinalizedByName).HasMaxLength(50);
        builder.HasOne(g => g.Terminal).WithMany().HasForeignKey(g => g.TerminalId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Store>().WithMany().HasForeignKey(g => g.StoreId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(g => g.MerchantOrderId).IsUnique();
        builder.HasIndex(g => g.OrderId).IsUnique();
        builder.HasIndex(g => g.AuthorizationCode);
        builder.HasIndex(g => g.SystemTraceNum);
        // A deposit's holds, and the rollovers still to finish.
        builder.HasIndex(g => g.DepositId);
        builder.HasIndex(g => g.RolledOverFromId);
        // Dashboard filters and keyset paging: newest first, by status and by store, with Id as the tie-breaker.
        builder.HasIndex(g => new { g.StoreId, g.Status, g.CreatedAt, g.Id });
        builder.HasIndex(g => new { g.Status, g.CreatedAt, g.Id });
        builder.HasIndex(g => new { g.TerminalId, g.CreatedAt, g.Id });
        builder.HasIndex(g => new { g.CreatedAt, g.Id });
        builder.HasIndex(g => new { g.HeldFen, g.Id });
        // Settlements and reconciliation: completions and voids by settlement date.
        builder.HasIndex(g => new { g.SettlementDate, g.Status });
        // Sweeps: what is due for a query, and what expires soon.
        builder.HasIndex(g => g.NextCheckAt);
        builder.HasIndex(g => new { g.Status, g.ExpiresAt });
        builder.HasIndex(g => new { g.StoreId, g.ExpiringSoon });
    }
}
