using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PosLink.Domain.Persistence;

/// <summary>
/// Brings the ledger to the current schema at start. On PostgreSQL several nodes may start at once: the first takes a
/// session advisory lock and migrates, the others wait on it and then find nothing left to do. On SQLite the file
/// is switched to write-ahead logging first (one node; a migration is one transaction).
/// </summary>
public static class LedgerMigration
{
    /// <summary>The advisory lock's key: any fixed number, the same on every node ("PosLink" in ASCII).</summary>
    private const long LockKey = 0x506F734C696E6B;

    public static Task MigrateAsync(PosLinkConnection connection, IDbContextFactory<PosLinkDbContext> contexts, CancellationToken cancellationToken = default) =>
        MigrateAsync(connection, async ct => await contexts.CreateDbContextAsync(ct), cancellationToken);

    /// <summary>Migrates a context on the ledger's database (the ledger's own, or another that shares the database) in the same way.</summary>
    public static async Task MigrateAsync(PosLinkConnection connection, Func<CancellationToken, Task<DbContext>> context, CancellationToken cancellationToken = default)
    {
        if (connection.Provider != DatabaseProvider.Postgres)
        {
            SqliteConnectionStrings.EnableWriteAheadLog(connection.ConnectionString);
            await using var db = await context(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }
        await using var guard = await OpenGuardAsync(connection.ConnectionString, cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", guard))
        {
            take.Parameters.AddWithValue("key", LockKey);
            take.CommandTimeout = 0;
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            await using var db = await context(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", guard);
            release.Parameters.AddWithValue("key", LockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The connection that holds the lock: to the ledger's database, or while it does not exist yet (the first start;
    /// the migration creates it) to the server's maintenance database, which every node can reach.
    /// </summary>
    private static async Task<NpgsqlConnection> OpenGuardAsync(string connectionString, CancellationToken cancellationToken)
    {
        var guard = new NpgsqlConnection(connectionString);
        try
        {
            await guard.OpenAsync(cancellationToken);
            return guard;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await guard.DisposeAsync();
            var maintenance = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ToString());
            await maintenance.OpenAsync(cancellationToken);
            return maintenance;
        }
    }
}
