namespace PosLink.Domain.Persistence;

/// <summary>
/// One writer at a time for a SQLite file in this process, handed over the moment the last one ends: people's writes
/// first, in the order they came, then background work (<see cref="LedgerWrites.InBackground"/>). SQLite serializes
/// writers anyway, but its busy handler lets waiters poll on a growing back-off (1, 2, 5 … 100 ms), so a completion
/// that had waited longest slept while fresh writers took the file, and a manager's click waited behind a sweep's
/// saves for 80 ms at p99 (B3). Writers that do not come through EF's transactions still meet SQLite's own handler.
/// </summary>
internal sealed class SqliteWriteGate(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _people = new();
    private readonly LinkedList<Waiter> _background = new();
    private bool _held;

    private sealed class Waiter
    {
        public readonly TaskCompletionSource Handed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public LinkedListNode<Waiter>? Node;
    }

    /// <summary>Waits for the file; false if <paramref name="patience"/> passed first (the caller then goes on and meets SQLite's own handler).</summary>
    public async ValueTask<bool> EnterAsync(bool background, TimeSpan patience, CancellationToken cancellationToken)
    {
        var waiter = new Waiter();
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return true;
            }
            waiter.Node = (background ? _background : _people).AddLast(waiter);
        }
        try
        {
            await waiter.Handed.Task.WaitAsync(patience, time, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                if (waiter.Node?.List is { } queue)
                {
                    queue.Remove(waiter.Node);
                    if (e is OperationCanceledException)
                    {
                        throw;
                    }
                    return false;
                }
            }
            // Handed over as the wait ended: it is ours, and must be passed on.
            if (e is OperationCanceledException)
            {
                Exit();
                throw;
            }
            return true;
        }
    }

    /// <summary>Whether a writer has the file now (for tests).</summary>
    internal bool IsHeld
    {
        get
        {
            lock (_lock)
            {
                return _held;
            }
        }
    }

    /// <summary>Writers waiting now (for tests).</summary>
    internal int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _people.Count + _background.Count;
            }
        }
    }

    public bool Enter(bool background, TimeSpan patience) => EnterAsync(background, patience, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>Hands the file to the next writer, people first.</summary>
    public void Exit()
    {
        Waiter? next;
        lock (_lock)
        {
            var queue = _people.Count > 0 ? _people : _background;
            next = queue.First?.Value;
            if (next is null)
            {
                _held = false;
                return;
            }
            queue.RemoveFirst();
        }
        next.Handed.TrySetResult();
    }
}
