using Microsoft.AspNetCore.Components;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Web.Identity;

namespace PosLink.Web.Components.Shared;

/// <summary>
/// A page that stays current by itself: it listens to the change feed, keeps only the changes it shows
/// (<see cref="Shows"/>), and reloads through the domain's authorized queries (<see cref="LoadAsync"/>), with the
/// actor read afresh each time. Changes coalesce: a reload is queued once for any number of changes, never runs on
/// the publisher's thread, and follows the previous one by at least <see cref="MinimumInterval"/>. So a burst of a
/// thousand settled holds reloads an open page once or twice, and a long sweep about once a second.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private IDisposable? _subscription;
    private bool _queued;
    private DateTimeOffset _lastReload = DateTimeOffset.MinValue;

    [Inject]
    private GuaranteeChangeFeed Feed { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    protected CurrentActor CurrentActor { get; set; } = default!;

    /// <summary>Who the page was last loaded for: what it shows and which buttons it offers. Commands ask <see cref="CurrentActor"/> again.</summary>
    protected Actor? Actor { get; private set; }

    /// <summary>How many times the page reloaded because of changes (for tests of the coalescing).</summary>
    internal int ChangeReloads { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        _subscription = Feed.Subscribe(OnChanged);
        await ReloadAsync();
    }

    /// <summary>Whether a change concerns what this page shows (cheap: it runs on the publisher's thread).</summary>
    protected abstract bool Shows(GuaranteeChanged change, Actor actor);

    /// <summary>Reads what the page shows, for <paramref name="actor"/>, through the domain.</summary>
    protected abstract Task LoadAsync(Actor actor);

    /// <summary>Reloads now with a fresh actor (after a command, or when the user asks).</summary>
    protected async Task ReloadAsync()
    {
        Actor = await CurrentActor.RequireAsync();
        await LoadAsync(Actor);
    }

    private void OnChanged(GuaranteeChanged change)
    {
        if (Actor is not { } actor || !Shows(change, actor))
        {
            return;
        }
        TimeSpan wait;
        lock (_gate)
        {
            if (_queued)
            {
                return; // the queued reload will read this change too
            }
            _queued = true;
            wait = _lastReload + MinimumInterval - Time.GetUtcNow();
        }
        _ = ReloadForChangesAsync(wait);
    }

    private async Task ReloadForChangesAsync(TimeSpan wait)
    {
        // Off the publisher's thread (a command or a sweep must not wait for pages), and not sooner than the interval allows.
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Time);
        }
        else
        {
            await Task.Yield();
        }
        await InvokeAsync(async () =>
        {
            lock (_gate)
            {
                _queued = false;
                _lastReload = Time.GetUtcNow();
            }
            ChangeReloads++;
            await ReloadAsync();
            StateHasChanged();
        });
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
