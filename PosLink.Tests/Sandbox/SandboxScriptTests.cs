using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Tests.Support;

namespace PosLink.Tests.Sandbox;

/// <summary>The pay-code scripts, each driven through the app's client with the fake clock.</summary>
public sealed class SandboxScriptTests : IAsyncLifetime
{
    // A fixture per test: these tests move the clock in steps that must not leak into each other.
    private readonly SandboxFixture _sandbox = new();

    private IPosLinkGateway Gateway => _sandbox.Gateway;

    public Task InitializeAsync() => _sandbox.InitializeAsync();

    public Task DisposeAsync() => _sandbox.DisposeAsync();

    private async Task<QueryResponse> QueryAsync(TestTerminal terminal, string trace) =>
        await Gateway.QueryAsync(terminal.QueryByTrace(trace)).AssertAnswered("00");

    [Theory]
    [InlineData("0051", "51", "资金不足")]
    [InlineData("0005", "05", "不予承兑")]
    [InlineData("0014", "14", "无效卡号")]
    public async Task Decline_AnswersTheCode_AndLeavesNothingAQueryCouldFind(string ending, string errCode, string meaning)
    {
        var terminal = await _sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000, payCode: "13456789012345" + ending);
        var result = await Gateway.PreauthorizeAsync(hold);
        Assert.Equal(meaning, result.AssertAnswered(errCode).ErrInfo);
        Assert.Equal(ResponseCategory.Declined, Assert.IsType<Answered<PreauthorizeResponse>>(result).Category);

        // Not found, as the spec shapes it: the query succeeded (00), its result did not (queryResCode non-zero).
        var query = await QueryAsync(terminal, hold.SystemTraceNum);
        Assert.Equal(("1", (SecureStatus?)null), (query.QueryResCode, query.Guarantee));
        Assert.False(query.Found);
    }

    [Fact]
    public async Task LateCompletion0091_TheClientTimesOut_ThePlatformCompletesAfterIt()
    {
        var terminal = await _sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000, payCode: "134567890123450091");
        var answer = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");

        // The client gives up after its 30 s; the platform has not acted yet, and queries say still held.
        var completion = Gateway.CompleteAsync(terminal.Complete(hold, answer, 800));
        await Eventually.TrueAsync(async () => (await QueryAsync(terminal, hold.SystemTraceNum)).Guarantee == SecureStatus.Held, "the hold still held");
        _sandbox.App.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.IsType<Unanswered<CompleteAuthorizationResponse>>(await completion);
        Assert.Equal(SecureStatus.Held, (await QueryAsync(terminal, hold.SystemTraceNum)).Guarantee);

        // Then, after the slow-response time, it carries the completion out.
        _sandbox.App.Time.Advance(TimeSpan.FromSeconds(10));
        var done = await QueryAsync(terminal, hold.SystemTraceNum);
        Assert.Equal((SecureStatus.Completed, 800L), (done.Guarantee, done.ActualTransactionAmount));
    }

    [Fact]
    public async Task AHoldPastItsLifetime_IsReleased()
    {
        var terminal = await _sandbox.ActiveTerminalAsync();
        var held = await Gateway.PreauthorizeAsync(terminal.Preauthorize(1000)).AssertAnswered("00");
        _sandbox.App.Time.Advance(TimeSpan.FromDays(30));
        var query = await Gateway.QueryAsync(terminal.QueryByOrderId(held.OrderId!)).AssertAnswered("00");
        Assert.Equal(SecureStatus.Voided, query.Guarantee);
    }

    [Fact]
    public async Task AQueryByTrace_FindsOnlyTodaysTransaction()
    {
        var terminal = await _sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000);
        var held = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        Assert.True((await QueryAsync(terminal, hold.SystemTraceNum)).Found);

        _sandbox.App.Time.Advance(TimeSpan.FromDays(1));
        Assert.False((await QueryAsync(terminal, hold.SystemTraceNum)).Found);
        // By order id it is found on any day.
        Assert.True((await Gateway.QueryAsync(terminal.QueryByOrderId(held.OrderId!)).AssertAnswered("00")).Found);
    }

    [Fact]
    public async Task SystemMalfunction_Answers96_YetTheHoldExists()
    {
        var terminal = await _sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000, payCode: "134567890123450096");
        var result = await Gateway.PreauthorizeAsync(hold);
        result.AssertAnswered("96");
        Assert.Equal(ResponseCategory.Unknown, Assert.IsType<Answered<PreauthorizeResponse>>(result).Category);

        var query = await QueryAsync(terminal, hold.SystemTraceNum);
        Assert.Equal(SecureStatus.Held, query.Guarantee);
        Assert.Equal(1000, query.OriginalAmount);
    }

    [Fact]
    public async Task SlowAnswer_TimesTheClientOut_YetTheHoldExists()
    {
        var terminal = await _sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000, payCode: "134567890123450098");
        var call = Gateway.PreauthorizeAsync(hold);

        // The sandbox records the hold, then waits 40 s (fake) before answering; the client gives up at 30 s.
        await WaitUntilQueryFindsAsync(terminal, hold.SystemTraceNum);
        _sandbox.App.Time.Advance(TimeSpan.FromSeconds(30));
        (await call.WaitAsync(TimeSpan.FromSeconds(10))).AssertUnanswered(UnansweredReason.Timeout);

        var query = await QueryAsync(terminal, hold.SystemTraceNum);
        Assert.Equal(SecureStatus.Held, query.Guarantee);
    }

    [Fact]
    public async Task SlowAnswer_ArrivesAfterSlowResponseSeconds_WhenTheClientWaitsLongEnough()
    {
        await using var app = new PosLinkAppFactory().With("PosLink:Gateway:TimeoutSeconds", "60");
        app.StartOnKestrel();
        var terminal = new TestTerminal(terminalCode: "SLOW0001");
        await app.Gateway.ActivateTerminalAsync(terminal.Activate()).AssertAnswered("00");
        var hold = terminal.Preauthorize(1000, payCode: "134567890123450098");
        var call = app.Gateway.PreauthorizeAsync(hold);

        // Step the (fake) clock a second at a time, yielding real time for the server to run between steps.
        // The sandbox starts its 40 s wait after saving the hold, so the answer cannot come sooner than that.
        var advanced = 0;
        while (!call.IsCompleted && advanced < 120)
        {
            app.Time.Advance(TimeSpan.FromSeconds(1));
            advanced++;
            await Task.WhenAny(call, Task.Delay(20));
        }
        Assert.True(call.IsCompleted, "no answer within 120 s of fake time");
        Assert.True(advanced >= 40, $"answered after only {advanced} s");
        var answer = await call.WaitAsync(TimeSpan.FromSeconds(10)).AssertAnswered("00");
        Assert.Equal(1000, answer.TransactionAmount);
    }

    [Fact]
    public async Task WaitForBuyer_ThenHeld()
    {
        var terminal = await _sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000, payCode: "134567890123450077");
        var result = await Gateway.PreauthorizeAsync(hold);
        var answer = result.AssertAnswered("00");
        Assert.True(answer.AsksForQuery);
        Assert.Equal(ResponseCategory.Unknown, Assert.IsType<Answered<PreauthorizeResponse>>(result).Category);

        _sandbox.App.Time.Advance(TimeSpan.FromSeconds(19));
        var pending = await QueryAsync(terminal, hold.SystemTraceNum);
        Assert.Equal(("Y", "WAIT_BUYER_PAY"), (pending.AutoQueryFlag, pending.Status));
        Assert.Null(pending.SecureStatus);

        _sandbox.App.Time.Advance(TimeSpan.FromSeconds(1));
        var settled = await QueryAsync(terminal, hold.SystemTraceNum);
        Assert.Equal((SecureStatus.Held, "TRADE_SUCCESS"), (settled.Guarantee, settled.Status));
        Assert.Null(settled.AutoQueryFlag);
        await Gateway.CompleteAsync(terminal.Complete(hold, answer, 1000)).AssertAnswered("00");
    }

    [Fact]
    public async Task WaitForBuyer_CannotBeCompletedWhilePending()
    {
        var terminal = await _sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000, payCode: "134567890123450077");
        var answer = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        await Gateway.CompleteAsync(terminal.Complete(hold, answer, 1000)).AssertAnswered("12");
    }

    [Fact]
    public async Task WaitForBuyer_ThenFailed()
    {
        var terminal = await _sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000, payCode: "134567890123450078");
        var answer = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        Assert.True(answer.AsksForQuery);

        var pending = await QueryAsync(terminal, hold.SystemTraceNum);
        Assert.Equal(("Y", "WAIT_BUYER_PAY"), (pending.AutoQueryFlag, pending.Status));

        _sandbox.App.Time.Advance(TimeSpan.FromSeconds(20));
        var failed = await QueryAsync(terminal, hold.SystemTraceNum);
        Assert.Equal((SecureStatus.Failed, "TRADE_CLOSED"), (failed.Guarantee, failed.Status));
        await Gateway.CompleteAsync(terminal.Complete(hold, answer, 1000)).AssertAnswered("22");
    }

    [Fact]
    public async Task Discounts_PaidIsTheAmountLessBothDiscounts()
    {
        var terminal = await _sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(12345, payCode: "134567890123450088");
        var answer = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        Assert.Equal((12345L, 1234L, 617L), (answer.TransactionAmount, answer.ThirdPartyMerchantDiscountAmount, answer.ThirdPartyOtherDiscountAmount));
        Assert.Equal(12345 - 1234 - 617, answer.Amount);
        Assert.False(string.IsNullOrEmpty(answer.ThirdPartyDiscountInstruction));

        var query = await QueryAsync(terminal, hold.SystemTraceNum);
        Assert.Equal((12345L, 10494L, 1234L, 617L), (query.OriginalAmount, query.Amount, query.ThirdPartyMerchantDiscountAmount, query.ThirdPartyOtherDiscountAmount));
    }

    [Fact]
    public async Task SlowCompletion_QueriesSayCompletingForPendingSeconds_ThenCompleted()
    {
        var terminal = await _sandbox.ActiveTerminalAsync();
        var hold = terminal.Preauthorize(1000, payCode: "134567890123450093");
        var answer = await Gateway.PreauthorizeAsync(hold).AssertAnswered("00");
        await Gateway.CompleteAsync(terminal.Complete(hold, answer, 800)).AssertAnswered("00");

        var completing = await QueryAsync(terminal, hold.SystemTraceNum);
        Assert.Equal(SecureStatus.Completing, completing.Guarantee);

        _sandbox.App.Time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(SecureStatus.Completing, (await QueryAsync(terminal, hold.SystemTraceNum)).Guarantee);

        _sandbox.App.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SecureStatus.Completed, (await QueryAsync(terminal, hold.SystemTraceNum)).Guarantee);
    }

    [Fact]
    public async Task AnyOtherEnding_Approves()
    {
        var terminal = await _sandbox.ActiveTerminalAsync();
        await Gateway.PreauthorizeAsync(terminal.Preauthorize(1000, payCode: "6212345678901234")).AssertAnswered("00");
    }

    private async Task WaitUntilQueryFindsAsync(TestTerminal terminal, string trace)
    {
        // Synchronises with the server (the hold is saved before the slow answer starts); the clock does not move.
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (await Gateway.QueryAsync(terminal.QueryByTrace(trace)) is Answered<QueryResponse> { Response.Found: true })
            {
                return;
            }
            await Task.Delay(10);
        }
        Assert.Fail("the sandbox never recorded the slow hold");
    }
}
