using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Finance;
using PosLink.Domain.Terminals;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class StatementImportConfiguration : IEntityTypeConfiguration<StatementImport>
{
    public void Configure(EntityTypeBuilder<StatementImport> builder)
    {
        builder.Property(i => i.FileName).HasMaxLength(200);
        builder.Property(i => i.ContentHash).HasMaxLength(64);
        builder.Property(i => i.ImportedByUserId).HasMaxLength(64);
        builder.Property(i => i.ImportedByName).HasMaxLength(50);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(i => i.MerchantId).OnDelete(DeleteBehavior.Restrict);
        // The same file twice is the same import.
        builder.HasIndex(i => new { i.MerchantId, i.ContentHash }).IsUnique();
        builder.HasIndex(i => i.ImportedAt);
        builder.HasMany(i => i.Rows).WithOne().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class StatementRowConfiguration : IEntityTypeConfiguration<StatementRow>
{
    public void Configure(EntityTypeBuilder<StatementRow> builder)
    {
        builder.Property(r => r.Key).HasMaxLength(64);
        builder.HasIndex(r => new { r.MerchantId, r.SettlementDate });
        builder.HasIndex(r => r.GuaranteeId);
    }
}

public sealed class StatementMappingConfiguration : IEntityTypeConfiguration<StatementMapping>
{
    public void Configure(EntityTypeBuilder<StatementMapping> builder)
    {
        builder.HasKey(m => m.MerchantId);
        builder.HasOne<Merchant>().WithOne().HasForeignKey<StatementMapping>(m => m.MerchantId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.KeyColumn).HasMaxLength(100);
        builder.Property(m => m.AmountColumn).HasMaxLength(100);
        builder.Property(m => m.DateColumn).HasMaxLength(100);
        builder.Property(m => m.FeeColumn).HasMaxLength(100);
        builder.Property(m => m.UpdatedByName).HasMaxLength(50);
    }
}
