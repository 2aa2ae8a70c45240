using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages.Admin;
using PosLink.Web.Components.Pages.Guarantees;

namespace PosLink.Tests.Components;

/// <summary>
/// Pages act as the session is now, not as it was when they opened; live pages coalesce bursts of changes, and a
/// failing page cannot break a command.
/// </summary>
public sealed class FreshRightsTests : IAsyncLifetime
{
    private PageHarness _p = default!;
    private long _jinganHold;

    public async Task InitializeAsync()
    {
        _p = await PageHarness.CreateAsync();
        _jinganHold = await _p.Ledger.HeldAsync(20_000);
    }

    public async Task DisposeAsync() => await _p.DisposeAsync();

    private StaffService Staff => _p.Context.Services.GetRequiredService<StaffService>();

    [Fact]
    public async Task AManagerWhoseStoreWasRemoved_GetsNotFound_OnTheNextClick()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        var refresh = page.WaitForElement("[data-testid=refresh]");

        // An admin moves the manager to the other store while the page is open.
        (await Staff.ChangeAsync(_p.Ledger.Admin, _p.JinganManagerId, new StaffDraft("jingan@poslink.test", "静安经理", StaffRole.StoreManager, [_p.Ledger.Pudong.StoreId]))).Unwrap();
        var queriesBefore = _p.Ledger.Gateway.Count(GatewayEndpoint.Query);
        refresh.Click();

        page.WaitForAssertion(() => Assert.Contains("找不到该担保", page.Markup, StringComparison.Ordinal));
        Assert.Equal(queriesBefore, _p.Ledger.Gateway.Count(GatewayEndpoint.Query));
        Assert.Equal(GuaranteeStatus.Held, (await _p.Ledger.LoadAsync(_jinganHold)).Status);
    }

    [Fact]
    public async Task ADemotedAdmin_CannotRestoreTheirRole_FromAnOpenStaffPage()
    {
        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var page = _p.Render<StaffAdmin>();
        page.WaitForElement("[data-testid=staff-row]");

        // Another admin makes them finance a second ago; their open page still shows the staff list.
        var other = (await Staff.CreateAsync(Actor.System, new StaffDraft("other.admin@poslink.test", "另一位管理员", StaffRole.Admin, []), "another long passphrase")).Unwrap();
        var otherActor = (await Staff.ActorForAsync(other.Id))!;
        (await Staff.ChangeAsync(otherActor, _p.AdminId, new StaffDraft("admin@poslink.test", "管理员", StaffRole.Finance, []))).Unwrap();

        // They try to make themselves admin again through the open form.
        var own = page.FindAll("tr[data-testid=staff-row]").Single(r => r.TextContent.Contains("admin@poslink.test", StringComparison.Ordinal));
        own.QuerySelectorAll("button").First(b => b.TextContent.Contains("修改", StringComparison.Ordinal)).Click();
        page.Find("[data-testid=staff-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("只有管理员可以管理员工", page.Find("[data-testid=staff-error]").TextContent, StringComparison.Ordinal));
        Assert.False((await Staff.ActorForAsync(_p.AdminId))!.IsAdmin);
    }

    [Fact]
    public async Task AThousandChanges_ReloadAnOpenHoldsPage_AtMostTwice()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        page.WaitForElement("tr[data-testid=hold-row]");
        var holds = page.FindComponent<Holds>().Instance;

        for (var i = 0; i < 1000; i++)
        {
            _p.Feed.Publish(new GuaranteeChanged(_jinganHold, _p.Ledger.Jingan.StoreId, GuaranteeStatus.Held));
        }
        await LiveReloads.AtLeastAsync(holds, 1);
        Assert.InRange(holds.ChangeReloads, 1, 2);
        // Whatever was still queued runs once the interval has passed; nothing more after that.
        _p.Ledger.Time.Advance(TimeSpan.FromSeconds(2));
        await page.InvokeAsync(() => { });
        Assert.InRange(holds.ChangeReloads, 1, 2);

        // Changes of a store the manager cannot see do not reload it at all.
        var before = holds.ChangeReloads;
        _p.Feed.Publish(new GuaranteeChanged(999, _p.Ledger.Pudong.StoreId, GuaranteeStatus.Held));
        _p.Ledger.Time.Advance(TimeSpan.FromSeconds(2));
        await page.InvokeAsync(() => { });
        Assert.Equal(before, holds.ChangeReloads);
    }

    [Fact]
    public async Task AThrowingSubscriber_DoesNotFailTakeAsync_NorTheOtherSubscribers()
    {
        var heard = new List<GuaranteeChanged>();
        using var broken = _p.Feed.Subscribe(_ => throw new InvalidOperationException("a page's handler fails"));
        using var working = _p.Feed.Subscribe(heard.Add);

        var guarantees = _p.Context.Services.GetRequiredService<GuaranteeService>();
        var taken = await guarantees.TakeAsync(_p.Ledger.JinganManager, new TakeHold(_p.Ledger.Jingan.Id, 5_000, PayMode.CodeScan, "134567890123456700"));

        Assert.Equal(GuaranteeStatus.Held, taken.Unwrap().Status);
        Assert.Contains(heard, c => c.GuaranteeId == taken.Value!.GuaranteeId && c.Status == GuaranteeStatus.Held);
    }

    [Fact]
    public void AForgedStatusFilter_IsIgnoredWithAMessage_AndThePageStaysUp()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        // What a forged or stale link could carry: a value the filter never offers.
        _p.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/guarantees?status=Bogus");
        var page = _p.RenderHolds();
        page.WaitForAssertion(() => Assert.Contains("状态筛选值无效", page.Find("[data-testid=filter-problem]").TextContent, StringComparison.Ordinal));
        page.WaitForElement("tr[data-testid=hold-row]");
        Assert.Single(page.FindAll("tr[data-testid=hold-row]"));
    }

    [Fact]
    public void AForgedStoreFilter_IsIgnoredWithAMessage_AndAllStoresAreShown()
    {
        _p.SignInAs(_p.FinanceId, StaffRole.Finance);
        // A store id the filter never offered (a link may carry any text).
        _p.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/guarantees?store=999999");
        var page = _p.RenderHolds();
        page.WaitForAssertion(() => Assert.Contains("门店筛选值无效", page.Find("[data-testid=filter-problem]").TextContent, StringComparison.Ordinal));
        page.WaitForElement("tr[data-testid=hold-row]");
        // Not filtered by the forged id (which would show nothing): every store's open holds, here the one.
        Assert.Single(page.FindAll("tr[data-testid=hold-row]"));
    }
}
