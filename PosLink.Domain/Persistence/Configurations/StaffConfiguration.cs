using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(50);
        builder.HasMany(u => u.Stores).WithOne().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class StoreAssignmentConfiguration : IEntityTypeConfiguration<StoreAssignment>
{
    public void Configure(EntityTypeBuilder<StoreAssignment> builder)
    {
        builder.HasKey(a => new { a.UserId, a.StoreId });
        builder.HasOne<Store>().WithMany().HasForeignKey(a => a.StoreId).OnDelete(DeleteBehavior.Restrict);
    }
}
