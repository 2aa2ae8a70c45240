using System.Collections.Concurrent;
using Npgsql;
using PosLink.Domain.Persistence;

namespace PosLink.Web.Sandbox;

/// <summary>
/// Serializes the sandbox's state changes on one terminal, as the platform's own ledger would: of two completions
/// racing for one hold, the second sees the first. A terminal is the unit because trace numbers are per terminal and
/// PosLink finalizes a hold through the terminal it belongs to, so every race PosLink can start meets on one lane.
/// Within a process a semaphore does it; with the sandbox on PostgreSQL, where every node serves the one platform, a
/// session advisory lock on the terminal does it across processes too (released by the server if the process dies).
/// </summary>
public sealed class SandboxGate(PosLinkConnection ledger) : IDisposable
{
    /// <summary>The advisory lock's first key: any fixed number, the same on every node ("Sbox" in ASCII).</summary>
    private const int LockClass = 0x53626F78;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _terminals = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> EnterAsync(string merchantCode, string terminalCode, CancellationToken cancellationToken)
    {
        var lane = merchantCode + "/" + terminalCode;
        var semaphore = _terminals.GetOrAdd(lane, _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken);
        if (ledger.Provider != DatabaseProvider.Postgres)
        {
            return new Release(semaphore, null, 0);
        }
        var key = StableKey(lane);
        NpgsqlConnection? connection = null;
        try
        {
            connection = new NpgsqlConnection(ledger.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@class, @key)", connection);
            take.Parameters.AddWithValue("class", LockClass);
            take.Parameters.AddWithValue("key", key);
            await take.ExecuteNonQueryAsync(cancellationToken);
            return new Release(semaphore, connection, key);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            semaphore.Release();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var semaphore in _terminals.Values)
        {
            semaphore.Dispose();
        }
    }

    /// <summary>The same number on every node (string.GetHashCode differs per process): FNV-1a over the codes.</summary>
    private static int StableKey(string lane)
    {
        var hash = 2166136261u;
        foreach (var c in lane)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return unchecked((int)hash);
    }

    private sealed class Release(SemaphoreSlim semaphore, NpgsqlConnection? connection, int key) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }
            try
            {
                if (connection is not null)
                {
                    await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@class, @key)", connection);
                    release.Parameters.AddWithValue("class", LockClass);
                    release.Parameters.AddWithValue("key", key);
                    await release.ExecuteNonQueryAsync(CancellationToken.None);
                }
            }
            finally
            {
                // Closing the session would release the lock anyway; the pool resets it (DISCARD ALL) before reuse.
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
                semaphore.Release();
            }
        }
    }
}
