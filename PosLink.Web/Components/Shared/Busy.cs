namespace PosLink.Web.Components.Shared;

/// <summary>
/// The "working…" state of a page's commands: a command runs once at a time per key (a row, or the page), its
/// button shows it, and a second click while it runs does nothing. The domain guards money either way; this
/// keeps the screen honest.
/// </summary>
public sealed class Busy<TKey> where TKey : notnull
{
    private readonly HashSet<TKey> _running = [];

    public bool this[TKey key] => _running.Contains(key);

    public bool Any => _running.Count > 0;

    /// <summary>Runs <paramref name="command"/> unless one for <paramref name="key"/> is running; false when it was not run.</summary>
    public async Task<bool> RunAsync(TKey key, Func<Task> command)
    {
        if (!_running.Add(key))
        {
            return false;
        }
        try
        {
            await command();
            return true;
        }
        finally
        {
            _running.Remove(key);
        }
    }
}

/// <summary>A page with one command at a time.</summary>
public sealed class Busy
{
    private readonly Busy<bool> _inner = new();

    public bool IsRunning => _inner.Any;

    public Task<bool> RunAsync(Func<Task> command) => _inner.RunAsync(true, command);
}
