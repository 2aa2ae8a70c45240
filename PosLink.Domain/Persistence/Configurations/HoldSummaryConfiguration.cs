using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Guarantees;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class HoldSummaryConfiguration : IEntityTypeConfiguration<HoldSummary>
{
    public void Configure(EntityTypeBuilder<HoldSummary> builder)
    {
        builder.ToTable("HoldSummaries");
        builder.HasKey(s => new { s.StoreId, s.Status });
    }
}
