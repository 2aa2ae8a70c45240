using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Tests.Support;

namespace PosLink.Tests.Sandbox;

/// <summary>The app's client against the built-in sandbox over real HTTP: every endpoint's approved path.</summary>
public sealed class SandboxEndpointTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private IPosLinkGateway Gateway => sandbox.Gateway;

    [Fact]
    public async Task ActivateTerminal_Approves()
    {
        var terminal = sandbox.NewTerminal();
        var answer = await Gateway.ActivateTerminalAsync(terminal.Activate()).AssertAnswered("00");
        Assert.False(string.IsNullOrEmpty(answer.ErrInfo));
    }

    [Fact]
    public async Task Preauthorize_FillsEveryFieldTheSpecLists()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var request = terminal.Preauthorize(12345, merchantOrderId: "HOLD-" + Guid.NewGuid().ToString("N")[..10], remark: "房间押金");
        var result = Assert.IsType<Answered<PreauthorizeResponse>>(await Gateway.PreauthorizeAsync(request));
        var r = result.Response;

        Assert.Equal(ResponseCategory.Approved, result.Category);
        Assert.Equal("00", r.ErrCode);
        Assert.Matches("^[0-9]{6}$", r.AuthorizationCode);
        Assert.Matches("^[0-9]{12}$", r.RetrievalRefNum);
        // 22 digits, derived from the merchant order id (so the demo statement can name it); without one, the time and 8 random digits.
        Assert.Matches("^3194[0-9]{18}$", r.OrderId);
        Assert.Equal(("1127", "153000", "1127"), (r.TransactionDate, r.TransactionTime, r.SettlementDate));
        Assert.Equal((12345L, 12345L, 12345L), (r.TransactionAmount, r.Amount, r.ActualTransactionAmount));
        Assert.Equal((0L, 0L), (r.ThirdPartyMerchantDiscountAmount, r.ThirdPartyOtherDiscountAmount));
        Assert.Equal("微信支付", r.ThirdPartyName);
        Assert.Equal("sandbox-buyer-6789", r.ThirdPartyBuyerId);
        Assert.False(r.AsksForQuery);
    }

    [Fact]
    public async Task Complete_PartOfTheHold_ThenQueryShowsCompleted()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(20000, payCode: "281234567890123456");
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");

        var completed = await Gateway.CompleteAsync(terminal.Complete(hold, held, 15000)).AssertAnswered("00");
        Assert.Equal(("1127", "153000", "1127"), (completed.TransactionDate, completed.TransactionTime, completed.SettlementDate));
        Assert.Matches("^[0-9]{12}$", completed.RetrievalRefNum);
        Assert.NotEqual(held.RetrievalRefNum, completed.RetrievalRefNum);
        Assert.Equal("支付宝", completed.ThirdPartyName);

        var query = await Gateway.QueryAsync(terminal.QueryByOrderId(held.OrderId!)).AssertAnswered("00");
        Assert.Equal(SecureStatus.Completed, query.Guarantee);
        Assert.Equal("TRADE_SUCCESS", query.Status);
    }

    [Fact]
    public async Task Void_TheHeldAmount_ThenQueryShowsVoided()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(8800);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");

        var voided = await Gateway.VoidAsync(terminal.Void(hold, held, 8800)).AssertAnswered("00");
        Assert.Equal("1127", voided.TransactionDate);
        Assert.Equal("微信支付", voided.ThirdPartyName);

        var query = await Gateway.QueryAsync(terminal.QueryByTrace(hold.SystemTraceNum)).AssertAnswered("00");
        Assert.Equal(SecureStatus.Voided, query.Guarantee);
        Assert.Equal("TRADE_CLOSED", query.Status);
    }

    [Fact]
    public async Task QuickComplete_ByOrderId_IsFoundFromAnyTerminal_ButOnlyItsOwnMayFinalizeIt()
    {
        var device = await sandbox.ActiveTerminalAsync();
        var hold = device.Preauthorize(5000);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");

        var backOffice = await sandbox.ActiveTerminalAsync();
        Assert.True((await Gateway.QueryAsync(backOffice.QueryByOrderId(held.OrderId!)).AssertAnswered("00")).Found);
        await Gateway.QuickCompleteAsync(backOffice.QuickComplete(held.OrderId!, 4000)).AssertAnswered("58");
        var quick = await Gateway.QuickCompleteAsync(device.QuickComplete(held.OrderId!, 4000)).AssertAnswered("00");
        Assert.Equal(4000, quick.ActualTransactionAmount);
        Assert.Equal("1127", quick.SettlementDate);

        var query = await Gateway.QueryAsync(backOffice.QueryByOrderId(held.OrderId!)).AssertAnswered("00");
        Assert.Equal(SecureStatus.Completed, query.Guarantee);
    }

    [Fact]
    public async Task QuickVoid_ByOrderId_WithMatchingOriginals()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(5000);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");

        var request = terminal.QuickVoid(held.OrderId!, 5000) with { OriginalSystemTraceNum = hold.SystemTraceNum, OriginalTransactionDate = held.TransactionDate };
        var quick = await Gateway.QuickVoidAsync(request).AssertAnswered("00");
        Assert.Equal("微信支付", quick.ThirdPartyName);

        var query = await Gateway.QueryAsync(terminal.QueryByOrderId(held.OrderId!)).AssertAnswered("00");
        Assert.Equal(SecureStatus.Voided, query.Guarantee);
    }

    [Fact]
    public async Task QueryBySystemTraceNum_FindsTheHold_WithStringAmountsAndAMaskedPayCode()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(12345);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");

        var query = await Gateway.QueryBySystemTraceNumAsync(terminal.QueryBySystemTraceNum(hold.SystemTraceNum)).AssertAnswered("00");
        Assert.True(query.Found);
        Assert.Equal("1345**********6789", query.PayCode);
        Assert.Equal((12345L, 12345L, 12345L), (query.OriginalAmount, query.Amount, query.ActualTransactionAmount));
        Assert.Equal(("1127", "153000", "PREAUTH"), (query.DealDate, query.DealTime, query.DealType));
        Assert.Equal((hold.SystemTraceNum, held.RetrievalRefNum, held.AuthorizationCode, held.OrderId), (query.DealSystemTraceNum, query.DealRetrievalRefNum, query.AuthorizationCode, query.OrderId));
        Assert.Equal("000001", query.BatchNo);
    }

    [Fact]
    public async Task QueryBySystemTraceNum_OfACompletion_DescribesTheCompletion()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(3000);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        var complete = terminal.Complete(hold, held, 2500);
        await Gateway.CompleteAsync(complete).AssertAnswered("00");

        var query = await Gateway.QueryBySystemTraceNumAsync(terminal.QueryBySystemTraceNum(complete.SystemTraceNum)).AssertAnswered("00");
        Assert.Equal(("PREAUTH_COMPLETE", 2500L, complete.SystemTraceNum), (query.DealType, query.OriginalAmount, query.DealSystemTraceNum));
    }

    [Fact]
    public async Task Query_PrefersTheOrderId_WhenBothAreGiven()
    {
        var terminal = await sandbox.ActiveTerminalAsync();
        var first = terminal.Preauthorize(1000);
        var firstHeld = await Gateway.PreauthorizeAsync(first).AssertAnswered("00");
        var second = terminal.Preauthorize(2000);
        await Gateway.PreauthorizeAsync(second).AssertAnswered("00");

        var query = await Gateway.QueryAsync(terminal.QueryByOrderId(firstHeld.OrderId!) with { OriginalSystemTraceNum = second.SystemTraceNum }).AssertAnswered("00");
        Assert.Equal((firstHeld.OrderId, 1000L, SecureStatus.Held), (query.OrderId, query.OriginalAmount, query.Guarantee));
        Assert.Equal("TRADE_SUCCESS", query.Status);
    }
}
