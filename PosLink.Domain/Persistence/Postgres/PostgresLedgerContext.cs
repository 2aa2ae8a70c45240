using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PosLink.Domain.Persistence.Postgres;

/// <summary>The ledger's model on PostgreSQL; its migrations live beside it (<c>Persistence/Postgres/Migrations</c>).</summary>
public sealed class PostgresLedgerContext(DbContextOptions<PostgresLedgerContext> options) : PosLinkDbContext(options);

/// <summary>For <c>dotnet ef migrations add … --context PostgresLedgerContext</c>: adding a migration needs the provider, not a server.</summary>
public sealed class PostgresLedgerContextDesignFactory : IDesignTimeDbContextFactory<PostgresLedgerContext>
{
    public PostgresLedgerContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLedgerContext>().UseNpgsql("Host=localhost;Database=poslink").Options);
}
