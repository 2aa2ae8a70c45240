using PosLink.Domain.Guarantees;
using PosLink.Web.Components.Shared;

namespace PosLink.Web.Identity;

/// <summary>
/// Fans domain changes out to the open pages of this process, so a hold settled by a job or by another manager
/// updates on screen without a reload. Pages re-read through the domain, which re-applies authorization. A
/// subscriber that throws is logged and skipped: it can break neither the other pages nor the command that published.
/// </summary>
public sealed partial class GuaranteeChangeFeed(ILogger<GuaranteeChangeFeed> logger) : IGuaranteeChanges
{
    private readonly Lock _lock = new();
    private Action<GuaranteeChanged>[] _subscribers = [];
    private long _version;

    /// <summary>Starts telling <paramref name="subscriber"/> about changes, until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action<GuaranteeChanged> subscriber)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers, subscriber];
        }
        return new Subscription(this, subscriber);
    }

    /// <summary>Where this node's changes also go, for the other nodes (<see cref="PostgresChangeRelay"/>); null on one node.</summary>
    public Action<GuaranteeChanged>? Forward { get; set; }

    public void Publish(GuaranteeChanged change)
    {
        Deliver(change);
        Forward?.Invoke(change);
    }

    /// <summary>
    /// How many changes this node has been told of. A read begun at version v shows every change up to v, as each was
    /// saved before it was announced (<see cref="SharedReads"/>).
    /// </summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Tells this node's subscribers only: a change made here, or one another node relayed.</summary>
    public void Deliver(GuaranteeChanged change)
    {
        Interlocked.Increment(ref _version);
        // A snapshot: subscribing or leaving meanwhile neither blocks nor breaks the loop.
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(change);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogSubscriberFailed(ex, change.GuaranteeId);
            }
        }
    }

    private void Unsubscribe(Action<GuaranteeChanged> subscriber)
    {
        lock (_lock)
        {
            _subscribers = _subscribers.Where(s => s != subscriber).ToArray();
        }
    }

    private sealed class Subscription(GuaranteeChangeFeed feed, Action<GuaranteeChanged> subscriber) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Unsubscribe(subscriber);
            }
        }
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Warning, Message = "A page's change handler failed for guarantee {GuaranteeId}; the others were told")]
    private partial void LogSubscriberFailed(Exception exception, long? guaranteeId);
}
