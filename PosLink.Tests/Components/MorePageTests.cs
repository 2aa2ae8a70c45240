using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages;
using PosLink.Web.Components.Pages.Admin;
using PosLink.Web.Components.Pages.Guarantees;

namespace PosLink.Tests.Components;

public sealed class MorePageTests : IAsyncLifetime
{
    private PageHarness _p = default!;

    public async Task InitializeAsync()
    {
        _p = await PageHarness.CreateAsync();
        await _p.Ledger.HeldAsync(20_000);
        var pudong = (await _p.Ledger.Guarantees.TakeAsync(_p.Ledger.PudongManager, new TakeHold(_p.Ledger.Pudong.Id, 50_000, PayMode.CodeScan, "281234567890123456"))).Unwrap();
        (await _p.Ledger.Guarantees.CompleteAsync(_p.Ledger.PudongManager, pudong.GuaranteeId, 45_000)).Unwrap();
    }

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Fact]
    public void Dashboard_Manager_SeesMoneyHeldInTheirStoresOnly()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<Dashboard>();
        page.WaitForAssertion(() => Assert.Equal("¥200.00", page.Find("[data-testid=held-now]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=completed-today]"));
    }

    [Fact]
    public async Task Dashboard_Finance_IsTheFinanceOverview_NotASecondCopyOfIt()
    {
        _p.SignInAs(_p.FinanceId, StaffRole.Finance);
        var navigation = _p.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var page = _p.Render<Dashboard>();
        page.WaitForAssertion(() => Assert.EndsWith("/finance", navigation.Uri, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=held-now]"));
        await _p.Context.DisposeComponentsAsync();
        var finance = _p.Render<PosLink.Web.Components.Pages.Finance.FinanceHome>();
        finance.WaitForAssertion(() => Assert.Equal("¥450.00", finance.Find("[data-testid=completed-today]").TextContent.Trim()));
    }

    [Fact]
    public void Dashboard_Admin_SeesTheSweepsFigures_TheSameObjectMetricsRead()
    {
        var sweep = _p.Context.Services.GetRequiredService<PosLink.Web.Jobs.SweepFigures>();
        sweep.Started();
        sweep.Finished(checkedHolds: 12, batches: 1);
        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var page = _p.Render<Dashboard>();
        page.WaitForAssertion(() => Assert.StartsWith("状态查询巡检（本节点）：已运行 1 次，跳过 0 次；上次 ", page.Find("[data-testid=sweep-figures]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.EndsWith("查询 12 笔（1 批）", page.Find("[data-testid=sweep-figures]").TextContent.Trim(), StringComparison.Ordinal);
        // No recurring tick in a test host: there is no schedule to be late against.
        Assert.Equal("未排程（定时任务已关闭）", page.Find("[data-testid=sweep-lateness]").TextContent.Trim());
    }

    [Fact]
    public void Dashboard_EachFigureLinksToTheListItCounts()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<Dashboard>();
        page.WaitForElement("[data-testid=held-now]");
        Assert.Equal("/guarantees?status=Held", page.Find("[data-testid=card-held-now]").GetAttribute("href"));
        Assert.Equal("/guarantees?status=Held&expiring=true&sort=ExpiresSoonest", page.Find("[data-testid=card-expiring]").GetAttribute("href"));
        Assert.Equal("/guarantees/attention", page.Find("[data-testid=card-attention]").GetAttribute("href"));
    }

    [Fact]
    public void FindHold_AManagerByOrderIdAlone_IsAskedForTheTraceNumber()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<FindHold>();
        page.WaitForElement("input[data-testid=order-id]").Input("20261127000000NOPE");
        page.Find("button[data-testid=find]").Click();
        page.WaitForAssertion(() => Assert.Contains("请输入原交易系统跟踪号", page.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void FindHold_AnUnknownTrace_SaysNothingWasFound_AndCreatesNothing()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<FindHold>();
        page.WaitForElement("input[data-testid=trace]").Input("000555");
        page.Find("button[data-testid=find]").Click();
        page.WaitForAssertion(() => Assert.Contains("在此终端上找不到该交易", page.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void FindHold_BadTrace_SaysWhichRule()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<FindHold>();
        page.WaitForElement("input[data-testid=trace]").Input("12345");
        page.Find("button[data-testid=find]").Click();
        page.WaitForAssertion(() => Assert.Contains("系统跟踪号必须为6位数字（收到“12345”）", page.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void StaffPage_RefusesABadEmail_AndCreatesAGoodOne()
    {
        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var page = _p.Render<StaffAdmin>();
        page.WaitForElement("input[data-testid=staff-email]").Input("not-an-email");
        page.Find("input[data-testid=staff-name]").Input("新员工");
        page.Find("button[data-testid=staff-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("邮箱格式不正确", page.Find("[data-testid=staff-error]").TextContent, StringComparison.Ordinal));

        var before = page.FindAll("tr[data-testid=staff-row]").Count;
        page.Find("input[data-testid=staff-email]").Input("new@poslink.test");
        page.Find("input[data-testid=staff-password]").Input("a long enough passphrase");
        page.FindComponent<MudBlazor.MudSelect<string>>().Find("div.mud-input-control").MouseDown();
        page.WaitForElements(".mud-popover .mud-list-item").First(i => i.TextContent.Contains("财务", StringComparison.Ordinal)).Click();
        page.Find("button[data-testid=staff-save]").Click();
        page.WaitForAssertion(() => Assert.Equal(before + 1, page.FindAll("tr[data-testid=staff-row]").Count));
    }

    [Fact]
    public void StaffForm_ShowsAManagersStores_ByName_NotById()
    {
        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var page = _p.Render<StaffAdmin>();
        var row = page.WaitForElements("tr[data-testid=staff-row]").First(r => r.TextContent.Contains("jingan@poslink.test", StringComparison.Ordinal));
        row.QuerySelectorAll("button").First(b => b.TextContent.Contains("修改", StringComparison.Ordinal)).Click();
        // The picker's selected stores read as a person knows them: a bare id ("3") would pass no one's eye.
        page.WaitForAssertion(() => Assert.Equal("静安店", page.FindComponent<MudBlazor.MudSelect<int>>().Find("input").GetAttribute("value")));
    }
}

public sealed class DisabledMidSessionTests : IAsyncLifetime
{
    private PageHarness _p = default!;

    public async Task InitializeAsync() => _p = await PageHarness.CreateAsync();

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Fact]
    public async Task AnAccountDisabledSinceSignIn_SeesNothing_AndCannotAct()
    {
        await _p.Ledger.HeldAsync(20_000);
        (await _p.Context.Services.GetRequiredService<StaffService>().SetDisabledAsync(_p.Ledger.Admin, _p.JinganManagerId, true)).Unwrap();
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        page.WaitForElement("[data-testid=no-holds]");
        Assert.Empty(page.FindAll("[data-testid=complete]"));
    }
}
