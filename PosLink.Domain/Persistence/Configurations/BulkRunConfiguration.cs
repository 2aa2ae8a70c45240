using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Guarantees.Bulk;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class BulkRunConfiguration : IEntityTypeConfiguration<BulkRun>
{
    public void Configure(EntityTypeBuilder<BulkRun> builder)
    {
        builder.Property(r => r.Reason).HasMaxLength(200);
        builder.Property(r => r.CreatedByUserId).HasMaxLength(450);
        builder.Property(r => r.CreatedByName).HasMaxLength(50);
        builder.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.BulkRunId).OnDelete(DeleteBehavior.Cascade);
        // A person's runs, newest first; and the sweep's unfinished ones.
        builder.HasIndex(r => new { r.CreatedByUserId, r.Id });
        builder.HasIndex(r => r.FinishedAt);
    }
}

public sealed class BulkItemConfiguration : IEntityTypeConfiguration<BulkItem>
{
    public void Configure(EntityTypeBuilder<BulkItem> builder)
    {
        builder.Property(i => i.MerchantOrderId).HasMaxLength(64);
        builder.Property(i => i.Problem).HasMaxLength(400);
        // A hold appears once in a run.
        builder.HasIndex(i => new { i.BulkRunId, i.GuaranteeId }).IsUnique();
        builder.HasIndex(i => i.GuaranteeId);
    }
}
