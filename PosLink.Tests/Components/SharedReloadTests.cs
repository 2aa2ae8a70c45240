using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages.Guarantees;
using PosLink.Web.Components.Shared;

namespace PosLink.Tests.Components;

/// <summary>
/// Open holds pages during a sweep: the tabs of a store woken by the same changes share one read, a reload that finds
/// nothing new renders nothing, a change to a row on screen does not wait for the next whole second, and no tab ever
/// takes an answer read before a change it was told of.
/// </summary>
public sealed class SharedReloadTests : IAsyncLifetime
{
    private PageHarness _p = default!;
    private long _onScreen;

    public async Task InitializeAsync()
    {
        _p = await PageHarness.CreateAsync();
        _onScreen = await _p.Ledger.HeldAsync(20_000);
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
    }

    public async Task DisposeAsync() => await _p.DisposeAsync();

    private SharedReads Reads => _p.Context.Services.GetRequiredService<SharedReads>();

    private int Jingan => _p.Ledger.Jingan.StoreId;

    /// <summary>A hold of the manager's store that no page lists: what a sweep settles, far down the list.</summary>
    private void SettledOffScreen() => _p.Feed.Publish(new GuaranteeChanged(987_654, Jingan, GuaranteeStatus.Held));

    private Holds Open(out IRenderedComponent<Holds> page)
    {
        // Several tabs in one renderer: the page alone, as MudBlazor's providers are one per renderer.
        page = _p.Context.Render<Holds>();
        var rendered = page;
        rendered.WaitForElement("tr[data-testid=hold-row]");
        rendered.WaitForElement("[data-testid=totals]"); // read after the rows: the page is loaded once both are shown
        return rendered.Instance;
    }

    /// <summary>Moves the fake clock to 10 ms past a whole second, so the next whole-second tick is 990 ms away.</summary>
    private void JustPastASecond()
    {
        var now = _p.Ledger.Time.GetUtcNow();
        _p.Ledger.Time.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - now.UtcTicks % TimeSpan.TicksPerSecond) + TimeSpan.FromMilliseconds(10));
    }

    private async Task AdvanceAsync(TimeSpan by, IRenderedComponent<Holds> page)
    {
        _p.Ledger.Time.Advance(by);
        await page.InvokeAsync(() => { });
    }

    [Fact]
    public async Task FiveTabsOfAStore_WokenByTheSameChanges_ReadOnce()
    {
        var tabs = Enumerable.Range(0, 5).Select(_ => Open(out var page) is var holds ? (holds, page) : default).ToList();
        _p.Ledger.Time.Advance(TimeSpan.FromSeconds(2));
        var before = Reads.Reads;

        for (var i = 0; i < 10; i++)
        {
            SettledOffScreen();
        }
        foreach (var (holds, _) in tabs)
        {
            await LiveReloads.AtLeastAsync(holds, 1);
            Assert.Equal(1, holds.ChangeReloads);
        }

        // The stores, the page and its totals: read once for the five tabs, not five times.
        Assert.Equal(3, Reads.Reads - before);
    }

    [Fact]
    public async Task AReloadThatFindsNothingNew_RendersNothing_AndOneThatDoes_ShowsIt()
    {
        var holds = Open(out var page);
        _p.Ledger.Time.Advance(TimeSpan.FromSeconds(2));
        var renders = page.RenderCount;

        SettledOffScreen();
        await LiveReloads.AtLeastAsync(holds, 1);
        Assert.Equal(1, holds.ChangeReloads);
        Assert.Equal(renders, page.RenderCount);

        var taken = await _p.Ledger.HeldAsync(33_300, "134567890123450000");
        _p.Feed.Publish(new GuaranteeChanged(taken, Jingan, GuaranteeStatus.Held));
        await AdvanceAsync(TimeSpan.FromSeconds(1), page);
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tr[data-testid=hold-row]"), r => r.GetAttribute("data-id") == taken.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(page.RenderCount > renders);
    }

    [Fact]
    public async Task AChangeToARowOnScreen_ShowsWithinTheOnScreenInterval_WhileTheSweepsChangesWaitForTheSecond()
    {
        var holds = Open(out var page);
        JustPastASecond();
        SettledOffScreen(); // idle for over a second: reloads at once
        await LiveReloads.AtLeastAsync(holds, 1);
        Assert.Equal(1, holds.ChangeReloads);

        SettledOffScreen(); // queued for the next whole second, 990 ms away
        await AdvanceAsync(LivePage.OnScreenInterval, page);
        Assert.Equal(1, holds.ChangeReloads);

        _p.Feed.Publish(new GuaranteeChanged(_onScreen, Jingan, GuaranteeStatus.Completed));
        await AdvanceAsync(LivePage.OnScreenInterval, page);
        await LiveReloads.AtLeastAsync(holds, 2);
        Assert.Equal(2, holds.ChangeReloads);
    }

    [Fact]
    public async Task ATabToldOfAChange_NeverTakesAnAnswerReadBeforeIt()
    {
        // The first tab has been open a while; the second opens now and leaves its fresh answer for the others.
        var first = Open(out var firstPage);
        _p.Ledger.Time.Advance(TimeSpan.FromSeconds(2));
        Open(out _);

        var taken = await _p.Ledger.HeldAsync(44_400, "134567890123451111");
        _p.Feed.Publish(new GuaranteeChanged(taken, Jingan, GuaranteeStatus.Held));

        await LiveReloads.AtLeastAsync(first, 1);
        Assert.Equal(1, first.ChangeReloads);
        firstPage.WaitForAssertion(() => Assert.Contains(firstPage.FindAll("tr[data-testid=hold-row]"),
            r => r.GetAttribute("data-id") == taken.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
