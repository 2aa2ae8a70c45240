namespace PosLink.Web.Sandbox;

/// <summary>
/// Serializes the sandbox's state changes, as the platform's own ledger would: of two completions racing for
/// one hold, the second sees the first. The sandbox is one process, so a process-wide lock is enough.
/// </summary>
public sealed class SandboxGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        return new Release(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
