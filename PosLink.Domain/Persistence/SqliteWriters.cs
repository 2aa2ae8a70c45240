using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PosLink.Domain.Persistence;

/// <summary>
/// Puts EF's SQLite transactions through their file's <see cref="SqliteWriteGate"/>: a transaction waits for the gate
/// before BEGIN and hands it on when it commits, rolls back or fails, or when its connection closes (a transaction
/// disposed unfinished). Every save runs in a transaction, a single insert too, so that it waits its turn rather than
/// slipping past the queue into SQLite's own handler. A connection that holds the gate does not wait for it again.
/// After a second a waiter gives up on the gate and meets SQLite's handler, so a writer the gate cannot see (a bulk
/// update, the sweep's claim) is never stuck behind it.
/// </summary>
public sealed class SqliteWriters : IDbTransactionInterceptor, IDbConnectionInterceptor, ISaveChangesInterceptor
{
    public static readonly SqliteWriters Instance = new();

    /// <summary>
    /// How long a writer waits for the gate before going on to SQLite's own handler: the gate only orders writers, so
    /// whatever holds it up (a holder starved of CPU, a writer it cannot see) costs a writer at most this much more.
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, SqliteWriteGate> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, SqliteWriteGate> _holding = new();

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (!_holding.ContainsKey(eventData.ConnectionId) && GateOf(connection) is var gate && gate.Enter(LedgerWrites.InBackgroundNow, Patience))
        {
            _holding[eventData.ConnectionId] = gate;
        }
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (!_holding.ContainsKey(eventData.ConnectionId) && GateOf(connection) is var gate && await gate.EnterAsync(LedgerWrites.InBackgroundNow, Patience, cancellationToken))
        {
            _holding[eventData.ConnectionId] = gate;
        }
        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        InTransaction(eventData);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        InTransaction(eventData);
        return ValueTask.FromResult(result);
    }

    private static void InTransaction(DbContextEventData eventData) => eventData.Context?.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.ConnectionId);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Released(eventData.ConnectionId);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.ConnectionId);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Released(eventData.ConnectionId);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.ConnectionId);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Released(eventData.ConnectionId);

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.ConnectionId);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Released(eventData.ConnectionId);

    private SqliteWriteGate GateOf(DbConnection connection) => _files.GetOrAdd(connection.DataSource, _ => new SqliteWriteGate(TimeProvider.System));

    /// <summary>The gate of a file (by the connection's <see cref="DbConnection.DataSource"/>), for tests.</summary>
    internal SqliteWriteGate? GateOf(string dataSource) => _files.GetValueOrDefault(dataSource);

    private void Release(Guid connectionId)
    {
        if (_holding.TryRemove(connectionId, out var gate))
        {
            gate.Exit();
        }
    }

    private Task Released(Guid connectionId)
    {
        Release(connectionId);
        return Task.CompletedTask;
    }
}
