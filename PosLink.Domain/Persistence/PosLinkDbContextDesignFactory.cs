using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PosLink.Domain.Persistence;

/// <summary>
/// For <c>dotnet ef migrations add … --context PosLinkDbContext</c>: the SQLite ledger. Without it the tools would take
/// <see cref="Postgres.PostgresLedgerContextDesignFactory"/> (its context is a PosLinkDbContext too) and write
/// PostgreSQL's types into SQLite's migrations.
/// </summary>
public sealed class PosLinkDbContextDesignFactory : IDesignTimeDbContextFactory<PosLinkDbContext>
{
    public PosLinkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PosLinkDbContext>().UseSqlite("Data Source=poslink-design.db").Options);
}
