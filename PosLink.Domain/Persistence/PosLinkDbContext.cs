using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;

namespace PosLink.Domain.Persistence;

/// <summary>
/// The app's ledger: staff (Identity), merchants, stores, terminals, holds, gateway operations and the audit trail;
/// and the data-protection keys that sign cookies and protect authenticator secrets, so that they survive a restart
/// and every node reads the same ones.
/// </summary>
public sealed class PosLinkDbContext(DbContextOptions<PosLinkDbContext> options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Merchant> Merchants => Set<Merchant>();
    public DbSet<Store> Stores => Set<Store>();
    public DbSet<Terminal> Terminals => Set<Terminal>();
    public DbSet<StoreAssignment> StoreAssignments => Set<StoreAssignment>();
    public DbSet<Guarantee> Guarantees => Set<Guarantee>();
    public DbSet<GatewayOperation> GatewayOperations => Set<GatewayOperation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<GuaranteeStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ActivationState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<OperationOutcome>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<GatewayEndpoint>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ResponseCategory>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<UnansweredReason>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<PayMode>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PosLinkDbContext).Assembly);
    }
}
