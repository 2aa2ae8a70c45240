using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PosLink.Domain.Finance;

namespace PosLink.Domain.Persistence.Configurations;

public sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> builder)
    {
        builder.Property(r => r.StartedByName).HasMaxLength(50);
        builder.HasIndex(r => new { r.SettlementDate, r.Id });
        // The claim: at most one unfinished run per date, whichever process or node starts it.
        builder.HasIndex(r => r.SettlementDate).IsUnique().HasFilter("\"FinishedAt\" IS NULL").HasDatabaseName("IX_ReconciliationRuns_Running");
    }
}
