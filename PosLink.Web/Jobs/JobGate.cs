using System.Collections.Concurrent;

namespace PosLink.Web.Jobs;

/// <summary>
/// Keeps a job from overlapping itself in this process: a second run that finds the first still going returns
/// at once. <c>DisableConcurrentExecution</c> does the same across nodes sharing a Hangfire store.
/// </summary>
public sealed class JobGate : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Enters the gate of <paramref name="jobId"/>, or returns null when a run is already in flight.</summary>
    public IDisposable? TryEnter(string jobId)
    {
        var gate = _gates.GetOrAdd(jobId, _ => new SemaphoreSlim(1, 1));
        return gate.Wait(0) ? new Exit(gate) : null;
    }

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
