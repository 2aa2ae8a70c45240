using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Finance;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class SettlementDifferenceConfiguration : IEntityTypeConfiguration<SettlementDifference>
{
    public void Configure(EntityTypeBuilder<SettlementDifference> builder)
    {
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Property(d => d.Key).HasMaxLength(120);
        builder.Property(d => d.Field).HasMaxLength(24);
        builder.Property(d => d.OrderId).HasMaxLength(64);
        builder.Property(d => d.RetrievalRefNum).HasMaxLength(64);
        builder.Property(d => d.ResolvedByUserId).HasMaxLength(64);
        builder.Property(d => d.ResolvedByName).HasMaxLength(50);
        builder.Property(d => d.ResolutionNote).HasMaxLength(200);
        // One difference per subject, source and date: a re-run updates it instead of adding another.
        builder.HasIndex(d => new { d.SettlementDate, d.Key }).IsUnique();
        // The reconciliation page: open ones first, by date.
        builder.HasIndex(d => new { d.State, d.SettlementDate });
        builder.HasIndex(d => d.GuaranteeId);
        builder.HasOne(d => d.Import).WithMany().HasForeignKey(d => d.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}
