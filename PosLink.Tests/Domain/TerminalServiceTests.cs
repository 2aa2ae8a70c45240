using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Terminals;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

public sealed class TerminalServiceTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData("89831014816056", "商户号必须为15位数字（收到“89831014816056”，14位）")]
    [InlineData("89831014816056A", "商户号必须为15位数字（收到“89831014816056A”，15位）")]
    [InlineData("898310148160568", "商户号898310148160568已登记。")]
    public async Task RegisterMerchant_RefusesBadOrDuplicateCodes(string code, string message)
    {
        var result = await _h.Terminals.RegisterMerchantAsync(_h.Admin, code, "示例");
        Assert.Equal((message, "merchantCode"), (result.Problem!.Chinese, result.Problem!.Field));
    }

    [Theory]
    [InlineData("JA00001", "终端号必须为8位字母或数字（收到“JA00001”，7位）")]
    [InlineData("JA-00001", "终端号必须为8位字母或数字（收到“JA-00001”，8位）")]
    [InlineData("JA000001", "商户898310148160568的终端JA000001已登记。")]
    public async Task RegisterTerminal_RefusesBadOrDuplicateCodes(string code, string message)
    {
        var result = await _h.Terminals.RegisterTerminalAsync(_h.Admin, _h.Jingan.StoreId, code);
        Assert.Equal((message, "terminalCode"), (result.Problem!.Chinese, result.Problem!.Field));
    }

    [Fact]
    public async Task TheSameTerminalCode_UnderAnotherMerchant_IsAnotherTerminal()
    {
        var merchant = (await _h.Terminals.RegisterMerchantAsync(_h.Admin, "898310148160999", "另一商户")).Unwrap();
        var store = (await _h.Terminals.RegisterStoreAsync(_h.Admin, merchant.Id, "静安店")).Unwrap();
        Assert.Equal("JA000001", (await _h.Terminals.RegisterTerminalAsync(_h.Admin, store.Id, "JA000001")).Unwrap().TerminalCode);
    }

    [Fact]
    public async Task OnlyAdmins_Register()
    {
        Assert.Equal("forbidden", (await _h.Terminals.RegisterMerchantAsync(_h.JinganManager, "898310148160777", "x")).Problem!.Code);
        Assert.Equal("forbidden", (await _h.Terminals.RegisterTerminalAsync(_h.Finance, _h.Jingan.StoreId, "JA000009")).Problem!.Code);
        Assert.Equal("forbidden", (await _h.Terminals.ActivateAsync(_h.JinganManager, _h.JinganInactive.Id)).Problem!.Code);
    }

    [Fact]
    public async Task Activation_Failure_KeepsTheReason_ThenSuccessActivates()
    {
        _h.Gateway.Next(GatewayEndpoint.ActivateTerminal, new ScriptedGateway.Script(ErrCode: "96"));
        var failed = (await _h.Terminals.ActivateAsync(_h.Admin, _h.JinganInactive.Id)).Unwrap();
        Assert.Equal((ActivationState.Failed, "96", 1), (failed.Activation, failed.LastActivationErrCode, failed.ActivationFailures));
        Assert.False(failed.CanTakeHolds);

        _h.Gateway.Next(GatewayEndpoint.ActivateTerminal, new ScriptedGateway.Script(Unanswered: UnansweredReason.Timeout));
        Assert.Equal(2, (await _h.Terminals.ActivateAsync(_h.Admin, _h.JinganInactive.Id)).Unwrap().ActivationFailures);

        var active = (await _h.Terminals.ActivateAsync(_h.Admin, _h.JinganInactive.Id)).Unwrap();
        Assert.Equal((ActivationState.Active, "00", 0), (active.Activation, active.LastActivationErrCode, active.ActivationFailures));
        Assert.Equal(_h.Time.GetUtcNow(), active.ActivatedAt);
        // Three activations, three distinct trace numbers, each recorded.
        await using var db = await _h.Contexts.CreateDbContextAsync();
        var traces = await db.GatewayOperations.Where(o => o.TerminalId == _h.JinganInactive.Id).Select(o => o.SystemTraceNum).ToListAsync();
        Assert.Equal(["000001", "000002", "000003"], traces);
    }

    [Fact]
    public async Task AnActiveTerminal_StaysActive_WhenAReactivationFails()
    {
        _h.Gateway.Next(GatewayEndpoint.ActivateTerminal, new ScriptedGateway.Script(ErrCode: "A0"));
        var terminal = (await _h.Terminals.ActivateAsync(_h.Admin, _h.Jingan.Id)).Unwrap();
        Assert.Equal((ActivationState.Active, "A0"), (terminal.Activation, terminal.LastActivationErrCode));
    }

    [Fact]
    public async Task Disabled_TakesNoHolds_ButItsOpenHoldsCanStillBeFinalized()
    {
        var id = await _h.HeldAsync();
        (await _h.Terminals.SetEnabledAsync(_h.Admin, _h.Jingan.Id, false)).Unwrap();

        var take = await _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 100, PayMode.CodeScan, "134567890123456789"));
        Assert.Equal("终端JA000001已停用，不能担保。", take.Problem!.Chinese);
        Assert.Equal(GuaranteeStatus.Completed, (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 100)).Unwrap().Status);

        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.Equal("terminal.disable", (await db.AuditEntries.OrderBy(a => a.Id).Where(a => a.ObjectType == "Terminal").LastAsync()).Action);
    }
}
