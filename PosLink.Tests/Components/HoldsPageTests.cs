using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Components;

public sealed class HoldsPageTests : IAsyncLifetime
{
    private PageHarness _p = default!;
    private long _jinganHold;
    private long _pudongHold;

    public async Task InitializeAsync()
    {
        _p = await PageHarness.CreateAsync();
        _jinganHold = await _p.Ledger.HeldAsync(20_000);
        _pudongHold = (await _p.Ledger.Guarantees.TakeAsync(_p.Ledger.PudongManager, new TakeHold(_p.Ledger.Pudong.Id, 30_000, PayMode.CodeScan, "281234567890123456"))).Unwrap().GuaranteeId;
    }

    public async Task DisposeAsync() => await _p.DisposeAsync();

    private static IEnumerable<long> RowIds(IRenderedComponent<Bunit.Rendering.ContainerFragment> page) =>
        page.FindAll("tr[data-testid=hold-row]").Select(r => long.Parse(r.GetAttribute("data-id")!, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Manager_SeesOnlyTheirOwnStoresRows()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        page.WaitForAssertion(() => Assert.Equal([_jinganHold], RowIds(page)));
        Assert.DoesNotContain("浦东店", page.Find("[data-testid=holds]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Admin_SeesEveryStore_AndTotals()
    {
        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var page = _p.RenderHolds();
        page.WaitForAssertion(() => Assert.Equal(new[] { _jinganHold, _pudongHold }.Order(), RowIds(page).Order()));
        page.WaitForAssertion(() => Assert.Contains("¥500.00", page.Find("[data-testid=totals]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Finance_SeesRowsButNoActions()
    {
        _p.SignInAs(_p.FinanceId, StaffRole.Finance);
        var page = _p.RenderHolds();
        page.WaitForAssertion(() => Assert.Equal(2, RowIds(page).Count()));
        Assert.Empty(page.FindAll("[data-testid=complete]"));
        Assert.Empty(page.FindAll("[data-testid=void]"));
    }

    [Fact]
    public void CompleteDialog_RefusesMoreThanTheHeldAmount_AndSendsNothing()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        page.WaitForElement("[data-testid=complete]").Click();
        page.WaitForElement(".mud-dialog");

        var amount = page.Find("input[data-testid=complete-amount]");
        Assert.Equal("200.00", amount.GetAttribute("value"));
        amount.Input("200.01");
        page.WaitForAssertion(() => Assert.True(page.Find("[data-testid=complete-confirm]").HasAttribute("disabled")));
        Assert.Contains("不能超过担保金额¥200.00", page.Markup, StringComparison.Ordinal);
        page.Find("[data-testid=complete-confirm]").Click();

        Assert.Equal(0, _p.Ledger.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
    }

    [Fact]
    public async Task CompleteDialog_WithAValidAmount_CompletesIt()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        page.WaitForElement("[data-testid=complete]").Click();
        page.WaitForElement(".mud-dialog");
        page.Find("input[data-testid=complete-amount]").Input("150.5");
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=complete-confirm]").HasAttribute("disabled")));
        page.Find("[data-testid=complete-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal(1, _p.Ledger.Gateway.Count(GatewayEndpoint.CompleteAuthorization)));
        var completed = (CompleteAuthorizationRequest)_p.Ledger.Gateway.Requests.Single(r => r.Endpoint == GatewayEndpoint.CompleteAuthorization).Request;
        Assert.Equal(15_050, completed.TransactionAmount);
        Assert.Equal(GuaranteeStatus.Completed, (await _p.Ledger.LoadAsync(_jinganHold)).Status);
    }

    [Fact]
    public void Void_NeedsAReasonToConfirm_AndCancelSendsNothing()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        page.WaitForElement("[data-testid=void]").Click();
        page.WaitForElement(".mud-dialog");
        Assert.True(page.Find("[data-testid=void-confirm]").HasAttribute("disabled"));

        page.FindAll(".mud-dialog button").First(b => b.TextContent.Contains("取消", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Equal(0, _p.Ledger.Gateway.Count(GatewayEndpoint.VoidAuthorization));
    }

    [Fact]
    public async Task Void_WithAReason_VoidsIt()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        page.WaitForElement("[data-testid=void]").Click();
        page.WaitForElement(".mud-dialog");
        page.Find("input[data-testid=void-reason]").Input("顾客取消");
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=void-confirm]").HasAttribute("disabled")));
        page.Find("[data-testid=void-confirm]").Click();
        page.WaitForAssertion(() => Assert.Equal(1, _p.Ledger.Gateway.Count(GatewayEndpoint.VoidAuthorization)));
        Assert.Equal(GuaranteeStatus.Voided, (await _p.Ledger.LoadAsync(_jinganHold)).Status);
    }

    [Fact]
    public async Task AVoidReasonOverTheLimit_IsSaidWithItsLength_NotCutSilently_AndSendsNothing()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        page.WaitForElement("[data-testid=void]").Click();
        page.WaitForElement(".mud-dialog");
        page.Find("input[data-testid=void-reason]").Input(new string('退', 200));
        page.WaitForAssertion(() => Assert.Contains("撤销原因不能超过100个字符（收到200个）", page.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=void-confirm]").HasAttribute("disabled"));
        Assert.NotEqual("100", page.Find("input[data-testid=void-reason]").GetAttribute("maxlength"));
        Assert.Equal(0, _p.Ledger.Gateway.Count(GatewayEndpoint.VoidAuthorization));
        Assert.Equal(GuaranteeStatus.Held, (await _p.Ledger.LoadAsync(_jinganHold)).Status);
    }

    [Fact]
    public async Task Filters_LiveInTheAddress_AndTheAddressRestoresThem()
    {
        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var navigation = _p.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/guarantees");
        var page = _p.RenderHolds();
        page.WaitForAssertion(() => Assert.Equal(2, RowIds(page).Count()));

        // The controls' filter goes into the address (what a bookmark, a refresh or Back keeps); Enter in the search applies it.
        page.Find("[data-testid=filter-more]").Click();
        page.Find("input[data-testid=filter-search]").Input("3456");
        page.Find("input[data-testid=filter-min]").Input("150");
        page.Find("input[data-testid=filter-search]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        page.WaitForAssertion(() => Assert.EndsWith("/guarantees?q=3456&min=150", navigation.Uri, StringComparison.Ordinal));

        // The address alone gives the same controls and list: the Pudong hold's pay code ends in 3456 (a search looks
        // through every status), and ¥300 is over the minimum.
        await _p.Context.DisposeComponentsAsync();
        var restored = _p.RenderHolds();
        restored.WaitForAssertion(() => Assert.Equal([_pudongHold], RowIds(restored)));
        Assert.Equal("3456", restored.Find("input[data-testid=filter-search]").GetAttribute("value"));
        Assert.Equal("150", restored.Find("input[data-testid=filter-min]").GetAttribute("value"));

        // Forged values in the address are left out, each with what was wrong; the rest still applies.
        navigation.NavigateTo("/guarantees?q=3456&min=abc&from=2026-13-45");
        await _p.Context.DisposeComponentsAsync();
        var forged = _p.RenderHolds();
        forged.WaitForAssertion(() => Assert.Equal([_pudongHold], RowIds(forged)));
        var problem = forged.Find("[data-testid=filter-problem]").TextContent;
        Assert.Contains("最低金额（元）应是金额，如 12.34（收到“abc”）", problem, StringComparison.Ordinal);
        Assert.Contains("开始日期应是日期，如 2026-12-06（收到“2026-13-45”）", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveUpdate_ASettledHoldChangesOnScreenWithoutReload()
    {
        // A hold whose answer never came shows as in flight, then the reconciler settles it and says so.
        _p.Ledger.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Unanswered: UnansweredReason.Timeout));
        var pending = (await _p.Ledger.Guarantees.TakeAsync(_p.Ledger.JinganManager, new TakeHold(_p.Ledger.Jingan.Id, 7_000, PayMode.CodeScan, "134567890123456711"))).Unwrap();
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        page.WaitForAssertion(() => Assert.Contains("担保处理中", page.Find($"tr[data-id='{pending.GuaranteeId}']").TextContent, StringComparison.Ordinal));

        _p.Ledger.Time.Advance(TimeSpan.FromSeconds(10));
        // The reconciler as the app composes it, publishing to the page's feed.
        var sweeps = _p.Context.Services.GetRequiredService<GuaranteeSweeps>();
        await sweeps.SettleDueAsync();

        page.WaitForAssertion(() => Assert.Contains("担保中", page.Find($"tr[data-id='{pending.GuaranteeId}']").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("担保处理中", page.Find($"tr[data-id='{pending.GuaranteeId}']").TextContent, StringComparison.Ordinal);
    }
}
