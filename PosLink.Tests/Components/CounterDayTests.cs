using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages.Admin;
using PosLink.Web.Components.Pages.Finance;
using PosLink.Web.Components.Pages.Guarantees;

namespace PosLink.Tests.Components;

/// <summary>The smaller things a store manager, a finance clerk and an admin met in a day (issue 23, item 10 and the pay codes).</summary>
public sealed class CounterDayTests : IAsyncLifetime
{
    private PageHarness _p = default!;

    public async Task InitializeAsync() => _p = await PageHarness.CreateAsync();

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Theory]
    [InlineData(GatewayMode.Sandbox, true)]
    [InlineData(GatewayMode.Live, false)]
    public void TakeAHold_OffersTheSandboxsTestCodes_InSandboxModeOnly(GatewayMode mode, bool offered)
    {
        _p.Context.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.Mode = mode;
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<TakeHoldPage>();
        page.WaitForElement("input[data-testid=paycode]");
        var endings = page.FindAll("[data-testid=use-pay-code]").Select(b => b.GetAttribute("data-ending")).ToList();
        if (!offered)
        {
            Assert.Empty(page.FindAll("[data-testid=sandbox-pay-codes]"));
            return;
        }
        Assert.Equal(["6789", "0051", "0005", "0014", "0096", "0098", "0077", "0078", "0088", "0093", "0091"], endings);
        page.Find("[data-testid=use-pay-code][data-ending='0091']").Click();
        page.WaitForAssertion(() => Assert.Equal("134567890123450091", page.Find("input[data-testid=paycode]").GetAttribute("value")));
    }

    [Fact]
    public async Task TakeAHold_RefusedBeforeSending_KeepsTheScannedCode_SoTheCustomerNeedNotScanAgain()
    {
        await _p.Ledger.Guarantees.TakeAsync(_p.Ledger.JinganManager, new TakeHold(_p.Ledger.Jingan.Id, 10_000, PayMode.CodeScan, "134567890123456789", "ROOM-1208"));
        var sent = _p.Ledger.Gateway.Count(GatewayEndpoint.Preauthorize);
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<TakeHoldPage>();
        page.WaitForElement("input[data-testid=amount]").Input("88");
        page.Find("input[data-testid=merchant-order-id]").Input("ROOM-1208");
        page.Find("input[data-testid=paycode]").Input("134567890123451111");
        page.Find("input[data-testid=paycode]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        page.WaitForAssertion(() => Assert.Contains("ROOM-1208", page.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal));
        Assert.Equal("134567890123451111", page.Find("input[data-testid=paycode]").GetAttribute("value"));
        Assert.Equal(sent, _p.Ledger.Gateway.Count(GatewayEndpoint.Preauthorize));
    }

    [Fact]
    public async Task TheHoldsList_ShowsHowLongMoneyIsHeld_OnlyWhileItIs()
    {
        var held = await _p.Ledger.HeldAsync(10_000);
        var voided = await _p.Ledger.HeldAsync(20_000);
        (await _p.Ledger.Guarantees.VoidAsync(_p.Ledger.JinganManager, voided)).Unwrap();
        _p.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/guarantees?status=all");
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        page.WaitForElement($"tr[data-id='{voided}']");
        Assert.Contains("担保时长", page.Find("[data-testid=holds] thead").TextContent, StringComparison.Ordinal);
        Assert.Contains("今天", page.Find($"tr[data-id='{held}']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll($"tr[data-id='{voided}'] .tag"));
    }

    [Fact]
    public void Terminals_OfferActivation_OnlyWhereItIsNeeded()
    {
        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var page = _p.Render<TerminalsAdmin>();
        page.WaitForElement("tr[data-testid=terminal-row][data-code=JA000002]");
        Assert.NotEmpty(page.FindAll("tr[data-code=JA000002] [data-testid=activate]"));
        Assert.Empty(page.FindAll("tr[data-code=JA000001] [data-testid=activate]"));
        Assert.Empty(page.FindAll("tr[data-code=PD000001] [data-testid=activate]"));
    }

    [Fact]
    public void Staff_AnActiveMember_IsMarkedAsSuch()
    {
        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var page = _p.Render<StaffAdmin>();
        page.WaitForElement("tr[data-testid=staff-row]");
        Assert.All(page.FindAll("tr[data-testid=staff-row]"), row => Assert.Contains("正常", row.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resync_AsksFirst_NamingTheHold_AndACancelChangesNothing()
    {
        var apart = await _p.Ledger.CompletedAsync(20_000);
        _p.Ledger.Gateway.Forget(apart.OrderId!);
        await _p.Ledger.Reconciliation.RunAsync(_p.Ledger.Finance, PosLink.Domain.Time.ChinaTime.TradeDate(_p.Ledger.Time.GetUtcNow()));
        var queries = _p.Ledger.Gateway.Count(GatewayEndpoint.Query);
        _p.SignInAs(_p.FinanceId, StaffRole.Finance);
        var page = _p.Render<Reconciliation>();
        page.WaitForElement("[data-testid=resync]").Click();

        page.WaitForAssertion(() => Assert.Contains("PosLink 将向网关查询这笔担保", page.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.Contains(apart.MerchantOrderId!, page.Find(".mud-dialog").TextContent, StringComparison.Ordinal);
        page.FindAll(".mud-dialog button").First(b => b.TextContent.Contains("取消", StringComparison.Ordinal)).Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-dialog")));
        Assert.Equal(queries, _p.Ledger.Gateway.Count(GatewayEndpoint.Query));
        Assert.NotEmpty(page.FindAll("[data-testid=resync]"));
        // The filters say "all" in words.
        Assert.Contains("全部类型", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"\">—<", page.Markup, StringComparison.Ordinal);
    }
}
