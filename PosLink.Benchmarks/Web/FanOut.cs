using System.Collections.Concurrent;
using Microsoft.Playwright;
using PosLink.Domain.Guarantees;
using PosLink.Web.Identity;

namespace PosLink.Benchmarks.Web;

/// <summary>
/// A completion made in one tab of a store, timed to its appearance in each of the store's other tabs: from the moment
/// the app announces the hold completed (its change feed, in this process) to the moment each tab's page no longer
/// lists it among the open holds (a MutationObserver in the tab). Both clocks are this machine's wall clock.
/// </summary>
public sealed class FanOut : IDisposable
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<double>> _announced = new();
    private readonly IDisposable _subscription;

    public FanOut(GuaranteeChangeFeed feed) => _subscription = feed.Subscribe(change =>
    {
        if (change is { GuaranteeId: { } id, Status: GuaranteeStatus.Completed } && _announced.TryGetValue(id, out var waiting))
        {
            waiting.TrySetResult(NowMs());
        }
    });

    /// <summary>
    /// Rows are not keyed, so Blazor may reuse a row's element for the next hold: the observer watches the rows'
    /// data-id as well as rows coming and going.
    /// </summary>
    private const string Observe = """
        id => {
          const gone = () => !document.querySelector(`tr[data-id="${id}"]`);
          window.__poslinkSeen = new Promise(resolve => {
            const observer = new MutationObserver(() => {
              if (gone()) { observer.disconnect(); resolve(performance.timeOrigin + performance.now()); }
            });
            observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-id'] });
          });
        }
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Completes the first hold <paramref name="actor"/> offers to complete; milliseconds until each of <paramref name="others"/> showed it.</summary>
    public async Task<IReadOnlyList<double>> CompleteAsync(IPage actor, IReadOnlyList<IPage> others)
    {
        var row = actor.Locator("tr[data-testid=hold-row]:has([data-testid=complete])").First;
        var id = long.Parse((await row.GetAttributeAsync("data-id"))!, System.Globalization.CultureInfo.InvariantCulture);
        var selector = $"tr[data-id='{id}']";
        // Every tab lists the hold first (a tab may still be reloading from the store's last completion); all at once,
        // since forty round trips to busy renderers one after another took longer than the completions themselves.
        await Task.WhenAll(others.Select(async tab =>
        {
            await tab.Locator(selector).WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = (float)Patience.TotalMilliseconds });
            await tab.EvaluateAsync(Observe, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }));
        var announced = _announced.GetOrAdd(id, _ => new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously));
        await row.Locator("[data-testid=complete]").ClickAsync();
        await actor.Locator("[data-testid=complete-confirm]").ClickAsync();
        var at = await announced.Task.WaitAsync(Patience);
        var seen = await Task.WhenAll(others.Select(tab => tab.EvaluateAsync<double>("() => window.__poslinkSeen").WaitAsync(Patience)));
        _announced.TryRemove(id, out _);
        return seen.Select(ms => ms - at).ToList();
    }

    private static double NowMs() => (TimeProvider.System.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerMillisecond;

    public void Dispose() => _subscription.Dispose();
}
