using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Guarantees.Approvals;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages.Approvals;
using PosLink.Web.Components.Pages.Guarantees;

namespace PosLink.Tests.Components;

/// <summary>Maker–checker on screen: the hold says it waits and for whom, the list lets another person decide, and nothing is sent before.</summary>
public sealed class ApprovalPageTests : IAsyncLifetime
{
    private PageHarness _p = default!;
    private long _hold;

    public async Task InitializeAsync()
    {
        _p = await PageHarness.CreateAsync();
        _p.Context.Services.GetRequiredService<IOptionsMonitor<GuaranteeOptions>>().CurrentValue.SecondApprovalAboveFen = 50_000;
        _hold = await _p.Ledger.HeldAsync(120_000);
        var maker = (await _p.Context.Services.GetRequiredService<StaffService>().ActorForAsync(_p.JinganManagerId))!;
        var asked = (await _p.Context.Services.GetRequiredService<GuaranteeService>().CompleteAsync(maker, _hold, 100_000)).Unwrap();
        Assert.Equal(OutcomeKind.AwaitingApproval, asked.Kind);
    }

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Fact]
    public void TheMaker_SeesTheHoldWaiting_WithNoWayToFinalizeOrApprove_ButMayWithdraw()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<HoldDetail>(("Id", _hold));

        page.WaitForAssertion(() => Assert.Contains("静安经理 申请完成 ¥1,000.00，正在等待同店其他经理或管理员审批", page.Find("[data-testid=awaiting-approval]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=complete]"));
        Assert.Empty(page.FindAll("[data-testid=void]"));
        Assert.Empty(page.FindAll("[data-testid=approve]"));

        page.Find("[data-testid=withdraw]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=awaiting-approval]")));
        page.WaitForElement("[data-testid=complete]");
        Assert.Equal(0, _p.Ledger.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
    }

    [Fact]
    public void AnAdmin_ApprovesFromTheList_AfterSeeingWhatWillBeSent_AndItIsSentOnce()
    {
        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var page = _p.Render<ApprovalsPage>();
        var row = page.WaitForElement("tr[data-testid=approval]");
        Assert.Equal("完成 ¥1,000.00", row.QuerySelector("[data-testid=approval-ask]")!.TextContent);

        row.QuerySelector("[data-testid=approve]")!.Click();
        page.WaitForAssertion(() => Assert.Contains("批准后将立即向网关发送：完成 ¥1,000.00", page.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, _p.Ledger.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        page.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "批准").Click();

        page.WaitForAssertion(() => Assert.Equal(nameof(ApprovalState.Approved), page.Find("tr[data-testid=decided-approval]").GetAttribute("data-state")));
        page.WaitForElement("[data-testid=no-pending-approvals]");
        Assert.Equal(1, _p.Ledger.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
    }

    [Fact]
    public void ARejection_AsksAReason_AndLeavesTheHoldHeld()
    {
        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var page = _p.Render<ApprovalsPage>();
        page.WaitForElement("tr[data-testid=approval] [data-testid=reject]").Click();
        page.WaitForElement("[data-testid=reject-reason]");
        Assert.True(page.Find("[data-testid=reject-confirm]").HasAttribute("disabled"));

        page.Find("input[data-testid=reject-reason], [data-testid=reject-reason] input").Input("押金尚未结清");
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=reject-confirm]").HasAttribute("disabled")));
        page.Find("[data-testid=reject-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("押金尚未结清", page.Find("tr[data-testid=decided-approval]").TextContent, StringComparison.Ordinal));
        Assert.Equal(0, _p.Ledger.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
    }

    [Fact]
    public void AnotherStoresManager_SeesNothingOfIt()
    {
        _p.SignInAs(_p.PudongManagerId, StaffRole.StoreManager);
        var list = _p.Render<ApprovalsPage>();
        list.WaitForElement("[data-testid=no-pending-approvals]");
        Assert.DoesNotContain("静安", list.Markup, StringComparison.Ordinal);
    }
}
