using Bunit;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Notifications;
using PosLink.Web.Components.Shared;

namespace PosLink.Tests.Components;

/// <summary>The bell counts what waits for the person, and follows the ledger without a reload.</summary>
public sealed class NotificationBellTests : IAsyncLifetime
{
    private PageHarness _p = default!;

    public async Task InitializeAsync() => _p = await PageHarness.CreateAsync();

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Fact]
    public async Task ANewNotification_ShowsOnTheBellLive_AndOneThatTimeBringsShowsWithinAMinute()
    {
        var hold = await _p.Ledger.HeldAsync();
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var bell = _p.Context.Render<NotificationBell>();
        bell.WaitForElement("[data-testid=bell]");
        Assert.Empty(bell.FindAll("[data-testid=bell-count]"));

        // A hold flagged for attention: the change reaches the bell, which reads again.
        await using (var db = await _p.Ledger.Contexts.CreateDbContextAsync())
        {
            await db.Guarantees.Where(g => g.Id == hold).ExecuteUpdateAsync(s => s.SetProperty(g => g.NeedsAttention, true));
        }
        _p.Ledger.Time.Advance(LivePage.MinimumInterval);
        _p.Feed.Publish(new GuaranteeChanged(hold, _p.Ledger.Jingan.StoreId, GuaranteeStatus.Held));
        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("[data-testid=bell-count]").TextContent));
        Assert.Equal("通知（1 条）", bell.Find("[data-testid=bell]").GetAttribute("aria-label"));

        // Nothing is published when a hold enters the warning window: time alone brings it, within a minute.
        var lifetime = TimeSpan.FromDays(_p.Ledger.Options.LifetimeDays);
        _p.Ledger.Time.Advance(lifetime - TimeSpan.FromDays(1) - NotificationReads.Every);
        _p.Ledger.Time.Advance(NotificationReads.Every);
        // The timer's read runs on the renderer's thread: on a busy machine it can take longer than bUnit's default second.
        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find("[data-testid=bell-count]").TextContent), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task AnotherStoresChange_DoesNotWakeTheBell()
    {
        _p.SignInAs(_p.PudongManagerId, StaffRole.StoreManager);
        var bell = _p.Context.Render<NotificationBell>();
        bell.WaitForElement("[data-testid=bell]");
        var hold = await _p.Ledger.HeldAsync();
        _p.Ledger.Time.Advance(LivePage.MinimumInterval);

        _p.Feed.Publish(new GuaranteeChanged(hold, _p.Ledger.Jingan.StoreId, GuaranteeStatus.Held));
        _p.Ledger.Time.Advance(LivePage.MinimumInterval);

        Assert.Equal(0, bell.Instance.ChangeReloads);
        Assert.Empty(bell.FindAll("[data-testid=bell-count]"));
    }
}
