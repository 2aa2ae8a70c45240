using System.Globalization;
using Microsoft.AspNetCore.Components;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Web.Identity;

namespace PosLink.Web.Components.Shared;

/// <summary>
/// A page that stays current by itself: it listens to the change feed, keeps only the changes it shows
/// (<see cref="Shows"/>), and reloads through the domain's authorized queries (<see cref="LoadAsync"/>), with the
/// actor read afresh each time. Changes coalesce: a reload is queued once for any number of changes and never runs
/// on the publisher's thread. A page that has not reloaded for a change within <see cref="MinimumInterval"/> reloads
/// at once; otherwise at the next tick of a clock every page of the node shares: whole seconds, or every
/// <see cref="OnScreenInterval"/> for a change to something on screen (<see cref="ShowsNow"/>). Because the pages of
/// a store wake together, they can share one read (<see cref="SharedReads"/>): a sweep that settles a thousand holds
/// costs each store about one holds-page query a second, however many tabs are open.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    /// <summary>How soon a change to a row the page shows reaches it while the page is reloading every second anyway.</summary>
    public static readonly TimeSpan OnScreenInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private IDisposable? _subscription;
    private bool _queued;
    private DateTimeOffset _due;
    private long _owed;
    private long _owedNext;
    private bool _nextOnScreen;
    private ITimer? _timer;
    private bool _disposed;
    private DateTimeOffset _lastReload = DateTimeOffset.MinValue;

    /// <summary>The reader's language, as the circuit had it when the page opened: a reload for a change renders in it.</summary>
    private CultureInfo _culture = CultureInfo.CurrentCulture;
    private CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    [Inject]
    private GuaranteeChangeFeed Feed { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    protected CurrentActor CurrentActor { get; set; } = default!;

    /// <summary>Who the page was last loaded for: what it shows and which buttons it offers. Commands ask <see cref="CurrentActor"/> again.</summary>
    protected Actor? Actor { get; private set; }

    /// <summary>
    /// As a reload for changes starts: the change feed's version it must show, so it may take an answer another page
    /// read since (<see cref="SharedReads"/>). Read it before the load's first await; null for a reload someone asked
    /// for, which reads afresh.
    /// </summary>
    protected long? ShowsChangesUpTo { get; private set; }

    /// <summary>Set by <see cref="LoadAsync"/> when a reload for changes found nothing new to show: the page is not rendered again.</summary>
    protected bool NothingNew { get; set; }

    /// <summary>How many reloads for changes have finished loading (for tests of the coalescing).</summary>
    internal int ChangeReloads { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        (_culture, _uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        _subscription = Feed.Subscribe(OnChanged);
        await ReloadAsync();
    }

    /// <summary>Whether a change concerns what this page shows (cheap: it runs on the publisher's thread).</summary>
    protected abstract bool Shows(GuaranteeChanged change, Actor actor);

    /// <summary>Whether the change is to something on screen now, so it is worth a reload sooner than a second (cheap, as <see cref="Shows"/>).</summary>
    protected virtual bool ShowsNow(GuaranteeChanged change) => false;

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
        var onScreen = ShowsNow(change);
        var now = Time.GetUtcNow();
        var version = Feed.Version;
        lock (_gate)
        {
            if (_disposed)
            {
                return; // a change published as the page closed
            }
            if (_queued)
            {
                if (now < _due)
                {
                    // The queued reload will read this change too; sooner, if it is on screen.
                    _owed = Math.Max(_owed, version);
                    if (Tick(now, onScreen) is var sooner && sooner < _due)
                    {
                        _due = sooner;
                        Arm(sooner - now);
                    }
                }
                else
                {
                    // Its tick has passed: the pages woken with it read without this change, so it needs the next one.
                    _owedNext = Math.Max(_owedNext, version);
                    _nextOnScreen |= onScreen;
                }
                return;
            }
            (_queued, _owed) = (true, version);
            if (now - _lastReload < MinimumInterval)
            {
                _due = Tick(now, onScreen);
                Arm(_due - now);
                return;
            }
            _due = now;
        }
        // Off the publisher's thread: a command or a sweep must not wait for pages. Nor does its context come along
        // (another reader's language, their trace): the reload runs in this page's own.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(ReloadForChangesAsync);
        }
    }

    /// <summary>The next tick of the node's shared clock after <paramref name="now"/>.</summary>
    private static DateTimeOffset Tick(DateTimeOffset now, bool onScreen)
    {
        var interval = (onScreen ? OnScreenInterval : MinimumInterval).Ticks;
        return new DateTimeOffset((now.UtcTicks / interval + 1) * interval, TimeSpan.Zero);
    }

    /// <summary>Sets the reload's timer, while the change that asks for it is being published (so a test's clock can never pass it unseen).</summary>
    private void Arm(TimeSpan wait)
    {
        // A reload that ran late may find the next tick already passed: then it is due now.
        wait = wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1);
        if (_timer is null)
        {
            // Created on the publisher's thread: its context must not be the one every later reload runs in.
            using (ExecutionContext.SuppressFlow())
            {
                _timer = Time.CreateTimer(_ => _ = ReloadForChangesAsync(), null, wait, Timeout.InfiniteTimeSpan);
            }
        }
        else
        {
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task ReloadForChangesAsync()
    {
        long owed;
        lock (_gate)
        {
            owed = _owed;
            _lastReload = Time.GetUtcNow();
            if (_owedNext > 0 && !_disposed)
            {
                // Changes that came after this tick: the next tick's reload.
                // The next tick after now: a timer that fired late (a busy machine) must not leave a tick in the past.
                (_owed, _owedNext) = (_owedNext, 0);
                _due = Tick(_lastReload > _due ? _lastReload : _due, _nextOnScreen);
                _nextOnScreen = false;
                Arm(_due - _lastReload);
            }
            else
            {
                _queued = false;
            }
        }
        await InvokeAsync(async () =>
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
            Actor = await CurrentActor.RequireAsync();
            // Seen by the load's first steps only: a reload someone asks for while this one waits reads afresh.
            (ShowsChangesUpTo, NothingNew) = (owed, false);
            var load = LoadAsync(Actor);
            ShowsChangesUpTo = null;
            await load;
            ChangeReloads++;
            if (!NothingNew)
            {
                StateHasChanged();
            }
        });
    }

    /// <summary>What a page holds besides its subscription (a timer of its own), let go as it closes.</summary>
    protected virtual void Disposing()
    {
    }

    public void Dispose()
    {
        Disposing();
        _subscription?.Dispose();
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
        }
        GC.SuppressFinalize(this);
    }
}
