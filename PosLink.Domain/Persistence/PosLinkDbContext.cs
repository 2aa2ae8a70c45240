using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Finance;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;

namespace PosLink.Domain.Persistence;

/// <summary>
/// The app's ledger: staff (Identity), merchants, stores, terminals, holds, gateway operations, the audit trail, and
/// reconciliation (differences, runs, imported statements);
/// and the data-protection keys that sign cookies and protect authenticator secrets, so that they survive a restart
/// and every node reads the same ones.
/// </summary>
/// <remarks>
/// This type is the ledger on SQLite (its migrations are in <c>Persistence/Migrations</c>);
/// <see cref="Postgres.PostgresLedgerContext"/> is the same model on PostgreSQL with migrations of its own, as EF Core
/// documents for one model on several providers. Code asks for <see cref="PosLinkDbContext"/> either way.
/// </remarks>
public class PosLinkDbContext : IdentityDbContext<StaffUser>, IDataProtectionKeyContext
{
    public PosLinkDbContext(DbContextOptions<PosLinkDbContext> options)
        : base(options)
    {
    }

    protected PosLinkDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Merchant> Merchants => Set<Merchant>();
    public DbSet<Store> Stores => Set<Store>();
    public DbSet<Terminal> Terminals => Set<Terminal>();
    public DbSet<StoreAssignment> StoreAssignments => Set<StoreAssignment>();
    public DbSet<Guarantee> Guarantees => Set<Guarantee>();
    public DbSet<HoldSummary> HoldSummaries => Set<HoldSummary>();
    public DbSet<GatewayOperation> GatewayOperations => Set<GatewayOperation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SettlementDifference> SettlementDifferences => Set<SettlementDifference>();
    public DbSet<ReconciliationRun> ReconciliationRuns => Set<ReconciliationRun>();
    public DbSet<StatementImport> StatementImports => Set<StatementImport>();
    public DbSet<StatementRow> StatementRows => Set<StatementRow>();
    public DbSet<StatementMapping> StatementMappings => Set<StatementMapping>();
    public DbSet<Guarantees.Bulk.BulkRun> BulkRuns => Set<Guarantees.Bulk.BulkRun>();
    public DbSet<Guarantees.Bulk.BulkItem> BulkItems => Set<Guarantees.Bulk.BulkItem>();
    public DbSet<Handovers.Handover> Handovers => Set<Handovers.Handover>();
    public DbSet<Guarantees.Approvals.ApprovalRequest> ApprovalRequests => Set<Guarantees.Approvals.ApprovalRequest>();
    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Webhooks.WebhookAttempt> WebhookAttempts => Set<Webhooks.WebhookAttempt>();

    /// <summary>
    /// Saves, and writes the outbox rows for what the save changed that a merchant hears of (<see cref="Webhooks.WebhookOutbox"/>)
    /// in the same transaction: the caller's, or one of its own when the caller has none.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = Webhooks.WebhookOutbox.Capture(this);
        if (pending.IsEmpty)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var wrote = await Webhooks.WebhookOutbox.AddAsync(this, pending, cancellationToken);
            if (wrote)
            {
                await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
                if (wrote)
                {
                    Webhooks.WebhookOutbox.Announce();
                }
            }
            return saved;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>Every save goes through <see cref="SaveChangesAsync(bool, CancellationToken)"/>, so the outbox is never skipped.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) => SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

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
        configurationBuilder.Properties<DifferenceKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<DifferenceSource>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DifferenceState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<StatementKey>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<AmountUnit>().HaveConversion<string>().HaveMaxLength(8);
        configurationBuilder.Properties<Guarantees.Bulk.BulkKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Guarantees.Bulk.BulkItemState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Guarantees.Approvals.ApprovalKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Guarantees.Approvals.ApprovalState>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PosLinkDbContext).Assembly);
    }
}
