using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Guarantees.Approvals;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> builder)
    {
        builder.Property(r => r.Reason).HasMaxLength(200);
        builder.Property(r => r.RejectionReason).HasMaxLength(200);
        builder.Property(r => r.MakerUserId).HasMaxLength(450);
        builder.Property(r => r.MakerName).HasMaxLength(50);
        builder.Property(r => r.DecidedByUserId).HasMaxLength(450);
        builder.Property(r => r.DecidedByName).HasMaxLength(50);
        builder.HasOne<Guarantee>().WithMany().HasForeignKey(r => r.GuaranteeId).OnDelete(DeleteBehavior.Restrict);
        // The approvals list: a store's pending requests, oldest first; a hold's requests on its page.
        builder.HasIndex(r => new { r.State, r.StoreId, r.RequestedAt });
        builder.HasIndex(r => r.GuaranteeId);
    }
}
