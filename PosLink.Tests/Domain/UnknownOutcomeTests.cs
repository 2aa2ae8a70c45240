using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

/// <summary>
/// Whatever the reason an answer is missing, the hold ends in its true final state, settled by status
/// queries through the reconciler, and no money-moving request is ever sent twice.
/// </summary>
public class UnknownOutcomeTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="UnknownOutcomeTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public static TheoryData<UnansweredReason, bool> Causes()
    {
        var data = new TheoryData<UnansweredReason, bool>();
        foreach (var reason in new[] { UnansweredReason.Timeout, UnansweredReason.ConnectionFailed, UnansweredReason.ConnectionReset, UnansweredReason.ServerError, UnansweredReason.EmptyBody, UnansweredReason.MalformedBody })
        {
            data.Add(reason, true);
            data.Add(reason, false);
        }
        return data;
    }

    private Task<PosLink.Domain.Common.Result<GuaranteeOutcome>> TakeAsync(long amount = 20_000) =>
        _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, amount, PayMode.CodeScan, "134567890123456789"));

    [Theory]
    [MemberData(nameof(Causes))]
    public async Task Preauthorize_Unanswered_EndsHeldIfItHappened_FailedIfNot(UnansweredReason cause, bool happened)
    {
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: happened, Unanswered: cause));
        var outcome = (await TakeAsync()).Unwrap();
        Assert.Equal((GuaranteeStatus.Authorizing, OutcomeKind.Pending), (outcome.Status, outcome.Kind));
        Assert.Equal("pending", outcome.Reason!.Code);

        await _h.SettleAsync();

        var g = await _h.LoadAsync(outcome.GuaranteeId);
        Assert.Equal(happened ? GuaranteeStatus.Held : GuaranteeStatus.Failed, g.Status);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.Preauthorize));
        if (happened)
        {
            Assert.Equal(_h.Gateway.OrderIdByTrace(g.SystemTraceNum!), g.OrderId);
            Assert.NotNull(g.AuthorizationCode);
        }
        var operations = await _h.OperationsAsync(g.Id);
        Assert.Equal(OperationOutcome.Settled, operations.Single(o => o.Endpoint == GatewayEndpoint.Preauthorize).Outcome);
        Assert.Equal(cause, operations.Single(o => o.Endpoint == GatewayEndpoint.Preauthorize).UnansweredReason);
        Assert.All(operations.Where(o => o.Endpoint == GatewayEndpoint.Query), o => Assert.NotEqual(operations[0].SystemTraceNum, o.SystemTraceNum));
        Assert.Equal(operations.Count, operations.Select(o => o.SystemTraceNum).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Causes))]
    public async Task Complete_Unanswered_EndsCompletedIfItHappened_HeldIfNot(UnansweredReason cause, bool happened)
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: happened, Unanswered: cause));
        var outcome = (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000)).Unwrap();
        Assert.Equal((GuaranteeStatus.Completing, OutcomeKind.Pending), (outcome.Status, outcome.Kind));

        await _h.SettleAsync();

        var g = await _h.LoadAsync(id);
        Assert.Equal(happened ? GuaranteeStatus.Completed : GuaranteeStatus.Held, g.Status);
        Assert.Equal(happened ? 15_000 : null, g.CompletedFen);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        Assert.Equal(OperationOutcome.Settled, (await _h.OperationsAsync(id)).Single(o => o.Endpoint == GatewayEndpoint.CompleteAuthorization).Outcome);
    }

    [Theory]
    [InlineData(UnansweredReason.Timeout, true)]
    [InlineData(UnansweredReason.ConnectionReset, false)]
    public async Task Void_Unanswered_EndsVoidedIfItHappened_HeldIfNot(UnansweredReason cause, bool happened)
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.VoidAuthorization, new ScriptedGateway.Script(Performs: happened, Unanswered: cause));
        Assert.Equal(GuaranteeStatus.Voiding, (await _h.Guarantees.VoidAsync(_h.JinganManager, id)).Unwrap().Status);

        await _h.SettleAsync();

        Assert.Equal(happened ? GuaranteeStatus.Voided : GuaranteeStatus.Held, (await _h.LoadAsync(id)).Status);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.VoidAuthorization));
    }

    [Theory]
    [InlineData("96")]
    [InlineData("98")]
    [InlineData("68")]
    public async Task Preauthorize_AnsweredWithAnUnknownCode_IsSettledByQuery(string errCode)
    {
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(ErrCode: errCode));
        var outcome = (await TakeAsync()).Unwrap();
        Assert.Equal(GuaranteeStatus.Authorizing, outcome.Status);
        await _h.SettleAsync();
        Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(outcome.GuaranteeId)).Status);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.Preauthorize));
    }

    [Theory]
    [InlineData(SecureStatus.Held, GuaranteeStatus.Held)]
    [InlineData(SecureStatus.Failed, GuaranteeStatus.Failed)]
    public async Task AutoQueryFlagY_WaitsForTheBuyer_ThenTakesTheQuerysVerdict(SecureStatus verdict, GuaranteeStatus expected)
    {
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(AutoQuery: true));
        var outcome = (await TakeAsync()).Unwrap();
        Assert.Equal((GuaranteeStatus.Authorizing, OutcomeKind.Pending), (outcome.Status, outcome.Kind));
        var g = await _h.LoadAsync(outcome.GuaranteeId);
        Assert.NotNull(g.OrderId);

        // The buyer has not paid yet: queries keep saying Y, and the hold stays in flight.
        _h.Time.Advance(TimeSpan.FromSeconds(5));
        await _h.Sweeps.SettleDueAsync();
        Assert.Equal(GuaranteeStatus.Authorizing, (await _h.LoadAsync(g.Id)).Status);

        _h.Gateway.ReleaseBuyer(verdict);
        await _h.SettleAsync();
        Assert.Equal(expected, (await _h.LoadAsync(g.Id)).Status);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.Preauthorize));
        Assert.True(_h.Gateway.Count(GatewayEndpoint.Query) >= 2);
    }

    [Fact]
    public async Task CompletionStillCompletingAtTheGateway_IsQueriedUntilCompleted()
    {
        var id = await _h.HeldAsync(20_000);
        var orderId = (await _h.LoadAsync(id)).OrderId!;
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Unanswered: UnansweredReason.Timeout));
        await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 20_000);
        _h.Gateway.SetStatus(orderId, SecureStatus.Completing);

        _h.Time.Advance(TimeSpan.FromSeconds(5));
        await _h.Sweeps.SettleDueAsync();
        Assert.Equal(GuaranteeStatus.Completing, (await _h.LoadAsync(id)).Status);

        _h.Gateway.SetStatus(orderId, SecureStatus.Completed);
        await _h.SettleAsync();
        Assert.Equal(GuaranteeStatus.Completed, (await _h.LoadAsync(id)).Status);
    }

    [Fact]
    public async Task CrashAfterRecordingBeforeTheAnswer_IsSettledByANewInstance()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: true, Hang: true));
        // The process "stops" mid-request: this call never returns and its answer is never applied.
        _ = _h.Guarantees.CompleteAsync(_h.JinganManager, id, 12_000);
        await WaitUntilAsync(() => _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization) == 1);

        var stuck = await _h.LoadAsync(id);
        Assert.Equal(GuaranteeStatus.Completing, stuck.Status);
        Assert.Equal(OperationOutcome.Pending, (await _h.OperationsAsync(id)).Single(o => o.Endpoint == GatewayEndpoint.CompleteAuthorization).Outcome);

        // A new instance on the same database: before the answer window closes, it leaves the hold alone ...
        _h.Time.Advance(TimeSpan.FromSeconds(20));
        var early = await _h.Sweeps.SettleDueAsync();
        Assert.Equal((0, 0), (early.AbandonedOperations, early.Checked));
        Assert.Equal(GuaranteeStatus.Completing, (await _h.LoadAsync(id)).Status);

        // ... and after it, adopts the pending operation and settles the hold by query.
        _h.Time.Advance(TimeSpan.FromSeconds(41));
        var later = await _h.Sweeps.SettleDueAsync();
        Assert.Equal((1, 1), (later.AbandonedOperations, later.Checked));
        var settled = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Completed, (long?)12_000), (settled.Status, settled.CompletedFen));
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        Assert.Equal(OperationOutcome.Settled, (await _h.OperationsAsync(id)).Single(o => o.Endpoint == GatewayEndpoint.CompleteAuthorization).Outcome);
    }

    [Fact]
    public async Task CrashDuringAHold_IsSettledByTheOriginalTraceNumber()
    {
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: true, Hang: true));
        _ = TakeAsync(7_700);
        await WaitUntilAsync(() => _h.Gateway.Count(GatewayEndpoint.Preauthorize) == 1);

        _h.Time.Advance(TimeSpan.FromSeconds(61));
        await _h.Sweeps.SettleDueAsync();

        await using var db = await _h.Contexts.CreateDbContextAsync();
        var g = await db.Guarantees.SingleAsync();
        Assert.Equal((GuaranteeStatus.Held, 7_700L), (g.Status, g.HeldFen));
        var query = (QueryRequest)_h.Gateway.Requests.Single(r => r.Endpoint == GatewayEndpoint.Query).Request;
        Assert.Equal((g.SystemTraceNum, (string?)null), (query.OriginalSystemTraceNum, query.OriginalOrderId));
        Assert.NotEqual(g.SystemTraceNum, query.SystemTraceNum);
    }

    [Fact]
    public async Task Unresolved_BacksOffThenFlagsForAttentionAfter24Hours()
    {
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(AutoQuery: true));
        var id = (await TakeAsync()).Unwrap().GuaranteeId;
        var checks = new List<DateTimeOffset>();
        var sweeps = _h.Sweeps;
        for (var step = 0; step < 24 * 60 + 30; step++)
        {
            _h.Time.Advance(TimeSpan.FromMinutes(1));
            var before = _h.Gateway.Count(GatewayEndpoint.Query);
            await sweeps.SettleDueAsync();
            if (_h.Gateway.Count(GatewayEndpoint.Query) > before)
            {
                checks.Add(_h.Time.GetUtcNow());
            }
        }
        var gaps = checks.Zip(checks.Skip(1), (a, b) => b - a).ToList();
        // 5 s, 30 s and 1 min all fall within a one-minute step; then 5 min, then every 15 min.
        Assert.Equal(TimeSpan.FromMinutes(1), gaps[0]);
        Assert.Contains(TimeSpan.FromMinutes(5), gaps.Take(4));
        Assert.All(gaps.Skip(5), gap => Assert.Equal(TimeSpan.FromMinutes(15), gap));
        var g = await _h.LoadAsync(id);
        Assert.True(g.NeedsAttention);
        Assert.Contains("24", Said.Zh(g.AttentionReason), StringComparison.Ordinal);
        Assert.Equal(GuaranteeStatus.Authorizing, g.Status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }
}

/// <summary>Every test of <see cref="UnknownOutcomeTests"/>, on PostgreSQL.</summary>
public sealed class UnknownOutcomeTestsOnPostgres : UnknownOutcomeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
