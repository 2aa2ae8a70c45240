using Bunit;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages.Admin;
using PosLink.Web.Components.Pages.Guarantees;

namespace PosLink.Tests.Components;

public sealed class PageBehaviourTests : IAsyncLifetime
{
    private PageHarness _p = default!;

    public async Task InitializeAsync() => _p = await PageHarness.CreateAsync();

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Fact]
    public void TakeHold_ValidatesEveryField_AndSendsNothingUntilValid()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<TakeHoldPage>();
        page.WaitForElement("input[data-testid=amount]");

        page.Find("input[data-testid=amount]").Input("12.345");
        page.Find("input[data-testid=paycode]").Input("12345");
        page.Find("input[data-testid=remark]").Input(string.Concat(Enumerable.Repeat("押", 31)));
        page.Find("button[data-testid=submit]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("请输入金额，如 1234.56", page.Markup, StringComparison.Ordinal);
            Assert.Contains("付款码必须为10至32位数字（当前5位）", page.Markup, StringComparison.Ordinal);
            Assert.Contains("备注不能超过30个字", page.Markup, StringComparison.Ordinal);
        });
        Assert.Equal(0, _p.Ledger.Gateway.Count(GatewayEndpoint.Preauthorize));

        page.Find("input[data-testid=amount]").Input("0");
        page.WaitForAssertion(() => Assert.Contains("金额必须大于0", page.Markup, StringComparison.Ordinal));
        Assert.Equal(0, _p.Ledger.Gateway.Count(GatewayEndpoint.Preauthorize));
    }

    [Fact]
    public void TakeHold_ValidInput_TakesTheHoldAndClearsThePayCode()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<TakeHoldPage>();
        page.WaitForElement("input[data-testid=amount]").Input("888.80");
        page.Find("input[data-testid=paycode]").Input("134567890123456789");
        page.Find("input[data-testid=remark]").Input("1208房押金");
        page.Find("button[data-testid=submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("担保成功", page.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal));
        var sent = (PreauthorizeRequest)_p.Ledger.Gateway.Requests.Single(r => r.Endpoint == GatewayEndpoint.Preauthorize).Request;
        Assert.Equal((88_880L, "1208房押金", _p.Ledger.Jingan.TerminalCode), (sent.TransactionAmount, sent.MerchantRemark, sent.TerminalCode));
        Assert.DoesNotContain("134567890123456789", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TakeHold_AfterAHold_ClearsEveryFieldWithoutMarkingItWrong_NamesTheHold_AndTheNextScanCannotReuseTheAmount()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<TakeHoldPage>();
        page.WaitForElement("input[data-testid=amount]").Input("888.80");
        page.Find("input[data-testid=paycode]").Input("134567890123456789");
        page.Find("input[data-testid=remark]").Input("1208房押金");
        page.Find("input[data-testid=paycode]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        page.WaitForAssertion(() => Assert.Contains("担保成功", page.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal));
        var first = (PreauthorizeRequest)_p.Ledger.Gateway.Requests.Single(r => r.Endpoint == GatewayEndpoint.Preauthorize).Request;
        Assert.Contains(first.MerchantOrderId!, page.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal);
        Assert.Contains("¥888.80", page.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(("", "", ""),
            (page.Find("input[data-testid=amount]").GetAttribute("value") ?? "", page.Find("input[data-testid=paycode]").GetAttribute("value") ?? "",
                page.Find("input[data-testid=remark]").GetAttribute("value") ?? "")));
        Assert.Empty(page.FindAll(".mud-input-error"));
        Assert.DoesNotContain("请扫描付款码", page.Markup, StringComparison.Ordinal);
        Assert.Contains(_p.Context.JSInterop.Invocations, i => i.Identifier.Contains("focus", StringComparison.OrdinalIgnoreCase));

        // The next customer's code is scanned before anyone typed their amount: nothing is sent.
        page.Find("input[data-testid=paycode]").Input("134567890123450002");
        page.Find("input[data-testid=paycode]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        page.WaitForAssertion(() => Assert.Contains("请输入金额", page.Markup, StringComparison.Ordinal));
        Assert.Equal(1, _p.Ledger.Gateway.Count(GatewayEndpoint.Preauthorize));

        page.Find("input[data-testid=amount]").Input("50");
        page.Find("input[data-testid=paycode]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        page.WaitForAssertion(() => Assert.Contains("¥50.00", page.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal));
        var amounts = _p.Ledger.Gateway.Requests.Where(r => r.Endpoint == GatewayEndpoint.Preauthorize).Select(r => ((PreauthorizeRequest)r.Request).TransactionAmount);
        Assert.Equal([88_880L, 5_000L], amounts);
    }

    [Fact]
    public async Task TakeHold_AnApprovalTheDatabaseCouldNotSave_IsBeingConfirmed_AndPressingAgainFindsTheSameHold()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        _p.Ledger.Saves.Fail = context => context.ChangeTracker.Entries<GatewayOperation>()
            .Any(e => e.State == Microsoft.EntityFrameworkCore.EntityState.Modified && e.Entity.Endpoint == GatewayEndpoint.Preauthorize && e.Entity.AnsweredAt != null);
        var page = _p.Render<TakeHoldPage>();
        page.WaitForElement("input[data-testid=amount]").Input("100.00");
        page.Find("input[data-testid=paycode]").Input("134567890123456789");
        page.Find("button[data-testid=submit]").Click();
        page.WaitForAssertion(() => Assert.Contains("正在确认担保结果", page.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal));
        var link = page.Find("[data-testid=outcome] a").GetAttribute("href");

        // The cashier scans again and presses again: the same submission, so the same hold, still on its way.
        page.Find("input[data-testid=paycode]").Input("134567890123456789");
        page.Find("button[data-testid=submit]").Click();
        page.WaitForAssertion(() => Assert.Contains("等待顾客或网关确认", page.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal));
        Assert.Equal(link, page.Find("[data-testid=outcome] a").GetAttribute("href"));
        Assert.Equal(1, _p.Ledger.Gateway.Count(GatewayEndpoint.Preauthorize));
        await using var db = await _p.Ledger.Contexts.CreateDbContextAsync();
        Assert.Equal(1, db.Guarantees.Count());
    }

    [Fact]
    public void TakeHold_OffersOnlyActiveTerminalsOfMyStores()
    {
        _p.SignInAs(_p.PudongManagerId, StaffRole.StoreManager);
        var page = _p.Render<TakeHoldPage>();
        page.WaitForElement("input[data-testid=amount]");
        page.FindComponent<MudBlazor.MudSelect<int>>().Find("div.mud-input-control").MouseDown();
        page.WaitForAssertion(() =>
        {
            var items = page.FindAll(".mud-popover .mud-list-item").Select(i => i.TextContent).ToList();
            Assert.Equal(["浦东店 · PD000001"], items.Select(i => i.Trim()));
        });
    }

    [Fact]
    public void AdminRegistration_ValidatesCodesAndDuplicates()
    {
        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var page = _p.Render<TerminalsAdmin>();
        page.WaitForElement("input[data-testid=terminal-code]").Input("JA-1");
        page.Find("button[data-testid=register-terminal]").Click();
        page.WaitForAssertion(() => Assert.Contains("终端号必须为8位字母或数字（收到“JA-1”，4位）", page.Markup, StringComparison.Ordinal));

        page.Find("input[data-testid=terminal-code]").Input("JA000001");
        page.Find("button[data-testid=register-terminal]").Click();
        page.WaitForAssertion(() => Assert.Contains("商户898310148160568的终端JA000001已登记。", page.Markup, StringComparison.Ordinal));

        page.Find("input[data-testid=merchant-code]").Input("12345");
        page.Find("input[data-testid=merchant-name]").Input("新商户");
        page.Find("button[data-testid=register-merchant]").Click();
        page.WaitForAssertion(() => Assert.Contains("商户号必须为15位数字（收到“12345”，5位）", page.Markup, StringComparison.Ordinal));

        page.Find("input[data-testid=terminal-code]").Input("JA000009");
        page.Find("button[data-testid=register-terminal]").Click();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tr[data-testid=terminal-row]"), r => r.GetAttribute("data-code") == "JA000009"));
    }

    [Fact]
    public async Task HoldDetail_OfAnotherStore_IsNotFound_AndShowsNothingOfIt()
    {
        var id = (await _p.Ledger.Guarantees.TakeAsync(_p.Ledger.PudongManager, new TakeHold(_p.Ledger.Pudong.Id, 30_000, PayMode.CodeScan, "281234567890123456", "PD-SECRET"))).Unwrap().GuaranteeId;
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<HoldDetail>(("Id", id));
        page.WaitForElement("[data-testid=hold-not-found]");
        Assert.DoesNotContain("PD-SECRET", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("300.00", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoldDetail_ShowsTheTimelineWithErrCodeMeanings()
    {
        _p.Ledger.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(ErrCode: "51"));
        var id = (await _p.Ledger.Guarantees.TakeAsync(_p.Ledger.JinganManager, new TakeHold(_p.Ledger.Jingan.Id, 500, PayMode.CodeScan, "134567890123450051"))).Unwrap().GuaranteeId;
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<HoldDetail>(("Id", id));
        page.WaitForAssertion(() => Assert.Contains("资金不足", page.Find("[data-testid=timeline]").TextContent, StringComparison.Ordinal));
        Assert.Contains("已拒绝", page.Markup, StringComparison.Ordinal);
        Assert.Contains("51", page.Find("[data-testid=last-error]").TextContent, StringComparison.Ordinal);
    }
}

/// <summary>The same page in English: texts and response-code meanings follow the language.</summary>
public sealed class EnglishPageTests : IAsyncLifetime
{
    private PageHarness _p = default!;

    public async Task InitializeAsync() => _p = await PageHarness.CreateAsync("en");

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Fact]
    public async Task LanguageSwitch_ChangesTextsAndResponseCodeMeanings()
    {
        _p.Ledger.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(ErrCode: "51"));
        var id = (await _p.Ledger.Guarantees.TakeAsync(_p.Ledger.JinganManager, new TakeHold(_p.Ledger.Jingan.Id, 500, PayMode.CodeScan, "134567890123450051"))).Unwrap().GuaranteeId;
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<HoldDetail>(("Id", id));
        page.WaitForAssertion(() => Assert.Contains("Insufficient funds", page.Find("[data-testid=timeline]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Gateway requests", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Declined", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("已拒绝", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("网关请求记录", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HoldsList_InEnglish()
    {
        await _p.Ledger.HeldAsync();
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var holds = _p.RenderHolds();
        holds.WaitForAssertion(() => Assert.Contains("Merchant order id", holds.Markup, StringComparison.Ordinal));
        Assert.Contains("Held", holds.Find("tr[data-testid=hold-row]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Complete", holds.Find("[data-testid=complete]").TextContent, StringComparison.Ordinal);
    }
}
