using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PosLink.Web.Sandbox.Postgres;

/// <summary>The sandbox's model on PostgreSQL, beside the ledger; its migrations live beside it (<c>Sandbox/Postgres/Migrations</c>).</summary>
public sealed class PostgresSandboxContext(DbContextOptions<PostgresSandboxContext> options) : SandboxDbContext(options);

/// <summary>For <c>dotnet ef migrations add … --context PostgresSandboxContext</c>: adding a migration needs the provider, not a server.</summary>
public sealed class PostgresSandboxContextDesignFactory : IDesignTimeDbContextFactory<PostgresSandboxContext>
{
    public PostgresSandboxContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PostgresSandboxContext>()
        .UseNpgsql("Host=localhost;Database=poslink", npgsql => npgsql.MigrationsHistoryTable(SandboxDbContext.MigrationsHistoryTable)).Options);
}
