using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Persistence;
using PosLink.Web.Sandbox.Postgres;

namespace PosLink.Web.Sandbox;

/// <summary>
/// The sandbox's contexts on the ledger's provider: in the ledger's SQLite file, or in the ledger's PostgreSQL
/// database, where every node sees the one platform (its own context type, so that its own migrations apply).
/// </summary>
public sealed class SandboxContexts : IDbContextFactory<SandboxDbContext>
{
    private readonly Func<SandboxDbContext> _create;

    public SandboxContexts(PosLinkConnection ledger)
    {
        if (ledger.Provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresSandboxContext>()
                .UseNpgsql(ledger.ConnectionString, npgsql => npgsql.MigrationsHistoryTable(SandboxDbContext.MigrationsHistoryTable)).Options;
            _create = () => new PostgresSandboxContext(options);
        }
        else
        {
            var options = new DbContextOptionsBuilder<SandboxDbContext>()
                .UseSqlite(ledger.ConnectionString, sqlite => sqlite.MigrationsHistoryTable(SandboxDbContext.MigrationsHistoryTable))
                .AddInterceptors(SqlitePragmaInterceptor.Instance, SqliteWriters.Instance).Options;
            _create = () => new SandboxDbContext(options);
        }
    }

    public SandboxDbContext CreateDbContext() => _create();

    public Task<SandboxDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => Task.FromResult(_create());
}
