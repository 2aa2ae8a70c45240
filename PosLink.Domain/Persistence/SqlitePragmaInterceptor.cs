using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PosLink.Domain.Persistence;

/// <summary>
/// Sets the per-connection SQLite pragmas that concurrent writers need: a busy timeout (EF's command timeout
/// does not set it; without one, writers fail at once with "database is locked") and NORMAL synchronous,
/// which is durable under WAL. WAL itself is a property of the file, set once at start.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // Microsoft.Data.Sqlite's async methods run synchronously anyway.
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
