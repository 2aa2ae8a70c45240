using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>
/// Item 1: a query's answer describes the moment it was sent. If anything was begun on the hold after that, the
/// answer is stale and must not undo it.
/// </summary>
public class StaleAnswerTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="StaleAnswerTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task HeldAnswerOfAQuerySentBeforeACompletion_ArrivingAfterIt_DoesNotUndoTheCompletion()
    {
        var id = await _h.HeldAsync(20_000);
        var queryAnswer = new TaskCompletionSource();
        var completionAnswer = new TaskCompletionSource();

        // An admin's Refresh: the platform reads "担保中" now, the answer is on its way.
        _h.Gateway.Next(GatewayEndpoint.Query, new ScriptedGateway.Script(AnswerAfter: queryAnswer.Task));
        var refresh = _h.Guarantees.RefreshAsync(_h.Admin, id);
        await Eventually.TrueAsync(() => Task.FromResult(_h.Gateway.Count(GatewayEndpoint.Query) == 1), "the query was sent");
        // Meanwhile this manager completes it; the platform completes it, and its 00 is late too.
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(AnswerAfter: completionAnswer.Task));
        var complete = _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000);
        await Eventually.TrueAsync(() => Task.FromResult(_h.Gateway.Count(GatewayEndpoint.CompleteAuthorization) == 1), "the completion was sent");
        Assert.Equal(GuaranteeStatus.Completing, (await _h.LoadAsync(id)).Status);

        queryAnswer.SetResult();
        await refresh;
        var afterStale = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Completing, 15_000L), (afterStale.Status, afterStale.CompletedFen));

        completionAnswer.SetResult();
        Assert.Equal(GuaranteeStatus.Completed, (await complete).Unwrap().Status);
        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Completed, 15_000L), (g.Status, g.CompletedFen));
        // It can be neither completed again nor voided, and the platform saw one completion.
        Assert.Equal("finished", (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 1_000)).Problem!.Code);
        Assert.Equal("finished", (await _h.Guarantees.VoidAsync(_h.JinganManager, id)).Problem!.Code);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        var completion = (await _h.OperationsAsync(id)).Single(o => o.Endpoint == GatewayEndpoint.CompleteAuthorization);
        Assert.Equal(OperationOutcome.Approved, completion.Outcome);
    }

    [Fact]
    public async Task AnAnswerToAQuerySentBeforeTheHoldsLastAction_IsStale_AndChangesNothing()
    {
        var hold = await _h.LoadAsync(await _h.HeldAsync(20_000));
        var now = _h.Time.GetUtcNow();
        var context = new SettleContext(now, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromHours(24), null);
        var voided = new PosLink.Domain.Gateway.Messages.QueryResponse { ErrCode = "00", QueryResCode = "0", SecureStatus = 1 };

        // Asked before the hold's last action: whatever it says is about the past.
        Assert.Equal(QueryVerdict.Stale, hold.Settle(new QueryEvidence(voided, ResponseCategory.Approved, false, hold.ActionNumber - 1, now), context));
        Assert.Equal(GuaranteeStatus.Held, hold.Status);
        // The same answer to a query asked at the hold's present is news: a void made elsewhere.
        Assert.Equal(QueryVerdict.Moved, hold.Settle(new QueryEvidence(voided, ResponseCategory.Approved, false, hold.ActionNumber, now), context));
        Assert.Equal(GuaranteeStatus.Voided, hold.Status);
    }

    [Fact]
    public async Task HeldAnswerOfAQuerySentBeforeAVoid_DoesNotUndoTheVoid()
    {
        var id = await _h.HeldAsync(20_000);
        var queryAnswer = new TaskCompletionSource();
        _h.Gateway.Next(GatewayEndpoint.Query, new ScriptedGateway.Script(AnswerAfter: queryAnswer.Task));
        var sync = _h.Reconciler.CheckAsync(PosLink.Domain.Staff.Actor.System, id);
        await Eventually.TrueAsync(() => Task.FromResult(_h.Gateway.Count(GatewayEndpoint.Query) == 1), "the query was sent");
        _h.Gateway.Next(GatewayEndpoint.VoidAuthorization, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout));
        await _h.Guarantees.VoidAsync(_h.JinganManager, id, "顾客取消");

        queryAnswer.SetResult();
        await sync;

        Assert.Equal(GuaranteeStatus.Voiding, (await _h.LoadAsync(id)).Status);
        await _h.SettleAsync();
        Assert.Equal(GuaranteeStatus.Voided, (await _h.LoadAsync(id)).Status);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.VoidAuthorization));
    }
}

/// <summary>Every test of <see cref="StaleAnswerTests"/>, on PostgreSQL.</summary>
public sealed class StaleAnswerTestsOnPostgres : StaleAnswerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
