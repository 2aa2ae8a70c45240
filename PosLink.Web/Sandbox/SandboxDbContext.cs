using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Persistence;

namespace PosLink.Web.Sandbox;

/// <summary>
/// The sandbox's own state, in the app's database under <c>Sandbox*</c> tables with a migrations history of
/// its own: it plays the remote platform, so it shares nothing with the app's ledger but the database. On
/// PostgreSQL, <see cref="Postgres.PostgresSandboxContext"/> (its own migrations).
/// </summary>
public class SandboxDbContext : DbContext
{
    public const string MigrationsHistoryTable = "__SandboxMigrationsHistory";

    public SandboxDbContext(DbContextOptions<SandboxDbContext> options)
        : base(options)
    {
    }

    protected SandboxDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<SandboxTerminal> Terminals => Set<SandboxTerminal>();
    public DbSet<SandboxTrace> Traces => Set<SandboxTrace>();
    public DbSet<SandboxHold> Holds => Set<SandboxHold>();
    public DbSet<SandboxTransaction> Transactions => Set<SandboxTransaction>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<SandboxScript>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SandboxTerminal>(e =>
        {
            e.ToTable("SandboxTerminals");
            e.HasKey(t => new { t.MerchantCode, t.TerminalCode });
        });
        modelBuilder.Entity<SandboxTrace>(e =>
        {
            e.ToTable("SandboxTraces");
            e.HasKey(t => new { t.MerchantCode, t.TerminalCode, t.TradeDate, t.SystemTraceNum });
        });
        modelBuilder.Entity<SandboxHold>(e =>
        {
            e.ToTable("SandboxHolds");
            e.HasIndex(h => h.OrderId).IsUnique();
            e.HasIndex(h => h.MerchantOrderId).IsUnique();
            e.HasIndex(h => new { h.MerchantCode, h.TerminalCode, h.SystemTraceNum });
            e.Property(h => h.Status).HasConversion<int>();
        });
        modelBuilder.Entity<SandboxTransaction>(e =>
        {
            e.ToTable("SandboxTransactions");
            e.HasIndex(t => new { t.MerchantCode, t.TerminalCode, t.SystemTraceNum });
            e.HasOne(t => t.Hold).WithMany().HasForeignKey(t => t.HoldId);
        });
    }
}
