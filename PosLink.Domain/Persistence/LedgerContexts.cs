using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using PosLink.Domain.Persistence.Postgres;

namespace PosLink.Domain.Persistence;

/// <summary>
/// Short-lived ledger contexts on the configured provider: SQLite (with the pragmas concurrent writers need) or
/// PostgreSQL (its own context type, so that its own migrations apply). One context per operation: Blazor circuits
/// live long, a DbContext must not. Contexts come from a pool: setting one up was a measurable part of a holds page (B1).
/// </summary>
internal sealed class LedgerContexts : IDbContextFactory<PosLinkDbContext>
{
    private readonly Func<PosLinkDbContext> _create;

    public LedgerContexts(PosLinkConnection connection, ILoggerFactory? loggers)
    {
        if (connection.Provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresLedgerContext>().UseNpgsql(connection.ConnectionString);
            Log(options, loggers);
            var pool = new PooledDbContextFactory<PostgresLedgerContext>(options.Options);
            _create = pool.CreateDbContext;
        }
        else
        {
            var options = new DbContextOptionsBuilder<PosLinkDbContext>().UseSqlite(connection.ConnectionString).AddInterceptors(SqlitePragmaInterceptor.Instance, SqliteWriters.Instance);
            Log(options, loggers);
            var pool = new PooledDbContextFactory<PosLinkDbContext>(options.Options);
            _create = pool.CreateDbContext;
        }
    }

    public PosLinkDbContext CreateDbContext() => _create();

    public Task<PosLinkDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => Task.FromResult(_create());

    private static void Log(DbContextOptionsBuilder options, ILoggerFactory? loggers)
    {
        if (loggers is not null)
        {
            options.UseLoggerFactory(loggers);
        }
    }
}
