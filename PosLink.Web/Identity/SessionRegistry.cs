using System.Collections.Concurrent;

namespace PosLink.Web.Identity;

/// <summary>
/// When each session (by its <see cref="SessionClaims.SessionId"/>) last saw its person, and which sessions have
/// ended (signed out, or timed out while a tab stayed open). Every authenticated request counts as activity, and
/// so does the open page's own report of a click or key press (<c>session.js</c>): a circuit sends no HTTP
/// requests of its own, so this is how an open tab is known to be idle. Kept per node: behind a load balancer
/// with sticky sessions a browser stays on its node, and the cookie's own sliding expiry backs it up.
/// </summary>
public sealed class SessionRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private long _touches;

    private sealed record Entry(DateTimeOffset LastSeen, bool Ended);

    /// <summary>Records activity now; a session seen for the first time (a restart) starts its idle clock here.</summary>
    public void Touch(string sessionId)
    {
        var now = time.GetUtcNow();
        _sessions.AddOrUpdate(sessionId, _ => new Entry(now, false), (_, entry) => entry.Ended ? entry : entry with { LastSeen = now });
        if (Interlocked.Increment(ref _touches) % 1024 == 0)
        {
            Prune(now);
        }
    }

    /// <summary>
    /// Whether the session may go on: not ended, and active within <paramref name="idle"/>. A session this node has
    /// not seen (it just started) may, and its idle clock starts now.
    /// </summary>
    public bool IsLive(string sessionId, TimeSpan idle)
    {
        var now = time.GetUtcNow();
        var entry = _sessions.GetOrAdd(sessionId, _ => new Entry(now, false));
        return !entry.Ended && now - entry.LastSeen < idle;
    }

    /// <summary>Ends the session: its cookie is refused from now on, even if replayed.</summary>
    public void End(string sessionId) => _sessions[sessionId] = new Entry(time.GetUtcNow(), true);

    /// <summary>Forgets sessions nobody has seen for a day: their cookies have expired anyway.</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, entry) in _sessions)
        {
            if (now - entry.LastSeen > TimeSpan.FromDays(1))
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }
}
