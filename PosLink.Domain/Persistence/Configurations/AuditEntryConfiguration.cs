using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Audit;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.ActorUserId).HasMaxLength(64);
        builder.Property(a => a.ActorName).HasMaxLength(50);
        builder.Property(a => a.Origin).HasMaxLength(64);
        builder.Property(a => a.Action).HasMaxLength(40);
        builder.Property(a => a.ObjectType).HasMaxLength(40);
        builder.Property(a => a.ObjectId).HasMaxLength(64);
        builder.HasIndex(a => new { a.At, a.Id });
        builder.HasIndex(a => new { a.ObjectType, a.ObjectId, a.Id });
        builder.HasIndex(a => new { a.ActorUserId, a.At });
    }
}
