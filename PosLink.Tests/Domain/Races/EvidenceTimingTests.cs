using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>
/// A query's answer is evidence of the moment its query was sent (DESIGN §8), and every timing rule reads that moment:
/// a batch or a slow platform applies answers long after sending them. In each test the fake clock moves while the
/// answer is on its way, so a rule that read the time an answer is applied would decide otherwise.
/// </summary>
public class EvidenceTimingTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="EvidenceTimingTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>Moves the clock to <paramref name="seconds"/> after <paramref name="t0"/>.</summary>
    private void At(DateTimeOffset t0, int seconds) => _h.Time.SetUtcNow(t0 + TimeSpan.FromSeconds(seconds));

    /// <summary>The next status query's answer waits for the returned signal (the platform reads its state when the query arrives).</summary>
    private TaskCompletionSource SlowQuery()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _h.Gateway.Next(GatewayEndpoint.Query, new ScriptedGateway.Script(AnswerAfter: answer.Task));
        return answer;
    }

    private Task QueriesSentAsync(int count) =>
        Eventually.TrueAsync(() => Task.FromResult(_h.Gateway.Count(GatewayEndpoint.Query) >= count), $"{count} queries sent");

    /// <summary>A Jing'an hold whose completion of ¥150 went unanswered at the returned moment (T0); the platform did not perform it (yet).</summary>
    private async Task<(long Id, DateTimeOffset T0)> CompletionTimedOutAsync()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.Timeout));
        var t0 = _h.Time.GetUtcNow();
        Assert.Equal(GuaranteeStatus.Completing, (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000)).Unwrap().Status);
        return (id, t0);
    }

    [Fact]
    public async Task HeldAnswersToQueriesSentInsideTheWindow_AppliedAfterIt_DoNotUndoACompletionThePlatformPerformedLate()
    {
        var (id, t0) = await CompletionTimedOutAsync();
        var batchAnswer = SlowQuery();
        var refreshAnswer = SlowQuery();

        // One node's sweep asks at T0+35 and another node's Refresh at T0+45: both read 担保中, their answers are slow.
        At(t0, 35);
        var sweep = _h.Sweeps.SettleDueAsync();
        await QueriesSentAsync(1);
        At(t0, 45);
        var refresh = _h.Guarantees.RefreshAsync(_h.JinganManager, id);
        await QueriesSentAsync(2);
        // The platform performs our completion late, still inside the answer window.
        At(t0, 50);
        _h.Gateway.CompleteElsewhere((await _h.LoadAsync(id)).OrderId!, 15_000);

        At(t0, 61);
        refreshAnswer.SetResult();
        await refresh;
        At(t0, 70);
        batchAnswer.SetResult();
        await sweep;

        // Two "still held" answers, both past the window when applied, but neither asked after it: they prove nothing.
        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Completing, 15_000L), (g.Status, g.CompletedFen));
        Assert.Equal("in-flight", (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000)).Problem!.Code);

        await _h.SettleAsync();
        g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Completed, 15_000L), (g.Status, g.CompletedFen));
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
    }

    [Fact]
    public async Task NotFoundAnswersToQueriesSentInsideTheWindow_AppliedAfterIt_DoNotFailAHoldThePlatformBookedLate()
    {
        var booked = new TaskCompletionSource();
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Unanswered: UnansweredReason.Timeout, PerformsWhen: booked.Task));
        var t0 = _h.Time.GetUtcNow();
        var id = (await _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 20_000, PayMode.CodeScan, "134567890123456789"))).Unwrap().GuaranteeId;
        var first = SlowQuery();
        var second = SlowQuery();

        At(t0, 35);
        var early = _h.Reconciler.CheckAsync(Actor.System, id);
        await QueriesSentAsync(1);
        At(t0, 40);
        var later = _h.Reconciler.CheckAsync(Actor.System, id);
        await QueriesSentAsync(2);
        // The platform books the hold at T0+45, after both queries read "not found".
        At(t0, 45);
        booked.SetResult();

        // Applied after the window, and more than a window apart: neither was asked after the window.
        At(t0, 61);
        first.SetResult();
        await early;
        At(t0, 122);
        second.SetResult();
        await later;

        Assert.Equal(GuaranteeStatus.Authorizing, (await _h.LoadAsync(id)).Status);
        await _h.SettleAsync();
        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Held, false), (g.Status, g.NeedsAttention));
    }

    [Fact]
    public async Task TwoHeldAnswersSentLessThanTheFirstBackoffApart_DoNotAgree_HoweverFarApartTheyAreApplied()
    {
        var (id, t0) = await CompletionTimedOutAsync();
        var first = SlowQuery();
        var second = SlowQuery();

        At(t0, 61);
        var a = _h.Reconciler.CheckAsync(Actor.System, id);
        await QueriesSentAsync(1);
        At(t0, 62);
        var b = _h.Reconciler.CheckAsync(Actor.System, id);
        await QueriesSentAsync(2);
        At(t0, 63);
        first.SetResult();
        await a;
        At(t0, 90);
        second.SetResult();
        await b;

        Assert.Equal(GuaranteeStatus.Completing, (await _h.LoadAsync(id)).Status);
        // A third, sent more than the first backoff after the first, agrees with it.
        At(t0, 95);
        await _h.Reconciler.CheckAsync(Actor.System, id);
        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Held, (long?)null), (g.Status, g.CompletedFen));
    }

    [Fact]
    public async Task TwoHeldAnswersAppliedOutOfOrder_AgreeByWhenTheyWereSent()
    {
        var (id, t0) = await CompletionTimedOutAsync();
        var first = SlowQuery();

        // Sent at T0+61 and T0+70 (nine seconds apart, both after the window); the earlier one's answer comes last.
        At(t0, 61);
        var a = _h.Reconciler.CheckAsync(Actor.System, id);
        await QueriesSentAsync(1);
        At(t0, 70);
        await _h.Reconciler.CheckAsync(Actor.System, id);
        Assert.Equal(GuaranteeStatus.Completing, (await _h.LoadAsync(id)).Status);
        At(t0, 71);
        first.SetResult();
        await a;

        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Held, (long?)null), (g.Status, g.CompletedFen));
        Assert.Equal(OperationOutcome.Settled, (await _h.OperationsAsync(id)).Single(o => o.Endpoint == GatewayEndpoint.CompleteAuthorization).Outcome);
    }

    [Fact]
    public async Task ABatchWaitingForItsSlowestQuery_CountsEachAnswerFromWhenItsQueryWasSent()
    {
        // Two 担保 the platform never received; the first is due first, so a one-at-a-time batch asks about it first.
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.Timeout));
        var t0 = _h.Time.GetUtcNow();
        var lost = (await _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 20_000, PayMode.CodeScan, "134567890123450001"))).Unwrap().GuaranteeId;
        At(t0, 1);
        var slow = await _h.UnansweredTakeAsync(_h.Jingan, _h.JinganManager, "134567890123450002");
        _h.Gateway.Next(GatewayEndpoint.Query, new ScriptedGateway.Script());
        var slowAnswer = SlowQuery();

        At(t0, 61);
        var sweep = _h.Sweeps.SettleDueAsync(maxConcurrency: 1);
        await QueriesSentAsync(2);
        // The batch waits two minutes for its slowest query before it applies any answer.
        At(t0, 181);
        slowAnswer.SetResult();
        await sweep;
        Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(slow)).Status);
        Assert.Equal(GuaranteeStatus.Authorizing, (await _h.LoadAsync(lost)).Status);

        // The first "not found" was asked at T0+61: one asked more than a window later settles it.
        At(t0, 186);
        await _h.Reconciler.CheckAsync(Actor.System, lost);
        Assert.Equal(GuaranteeStatus.Failed, (await _h.LoadAsync(lost)).Status);
    }

    [Fact]
    public async Task ANotFoundAskedBeforeMidnight_AndAppliedAfterIt_CountsForTheRequestsTradeDay()
    {
        await using var h = await LedgerHarness.CreateAsync(new DateTimeOffset(2026, 11, 27, 15, 58, 0, TimeSpan.Zero), Provider); // 23:58 China time
        h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.Timeout));
        var t0 = h.Time.GetUtcNow();
        var id = (await h.Guarantees.TakeAsync(h.JinganManager, new TakeHold(h.Jingan.Id, 20_000, PayMode.CodeScan, "134567890123456789"))).Unwrap().GuaranteeId;
        var answer = new TaskCompletionSource();
        h.Gateway.Next(GatewayEndpoint.Query, new ScriptedGateway.Script(AnswerAfter: answer.Task));

        // Asked at 23:59:30, on the request's own trade day; applied at 00:00:20, the next day.
        h.Time.SetUtcNow(t0 + TimeSpan.FromSeconds(90));
        var check = h.Reconciler.CheckAsync(Actor.System, id);
        await Eventually.TrueAsync(() => Task.FromResult(h.Gateway.Count(GatewayEndpoint.Query) == 1), "the query was sent");
        h.Time.SetUtcNow(t0 + TimeSpan.FromSeconds(140));
        answer.SetResult();
        await check;

        var g = await h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Authorizing, false), (g.Status, g.NeedsAttention));
        Assert.Equal(t0 + TimeSpan.FromSeconds(90), g.NotFoundSince);
    }

    [Fact]
    public async Task AVoidElsewhereSeenByAQuerySentBeforeTheHoldsEnd_IsAVoid_ThoughItsAnswerIsAppliedAfter()
    {
        var id = await _h.HeldAsync(20_000);
        var hold = await _h.LoadAsync(id);
        _h.Time.SetUtcNow(hold.ExpiresAt - TimeSpan.FromMinutes(1));
        _h.Gateway.SetStatus(hold.OrderId!, SecureStatus.Voided);
        var answer = SlowQuery();

        _h.Time.SetUtcNow(hold.ExpiresAt - TimeSpan.FromSeconds(30));
        var check = _h.Reconciler.CheckAsync(Actor.System, id);
        await QueriesSentAsync(1);
        _h.Time.SetUtcNow(hold.ExpiresAt + TimeSpan.FromMinutes(1));
        answer.SetResult();
        await check;

        Assert.Equal(GuaranteeStatus.Voided, (await _h.LoadAsync(id)).Status);
    }
}

/// <summary>Every test of <see cref="EvidenceTimingTests"/>, on PostgreSQL.</summary>
public sealed class EvidenceTimingTestsOnPostgres : EvidenceTimingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
