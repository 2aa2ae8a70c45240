using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>
/// A sweep checks its batch together: one transaction records every query, the queries go out a few at a time, one
/// save applies every answer. Each hold must still be judged as if it were checked alone.
/// </summary>
public class SweepBatchTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="SweepBatchTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>Three Jing'an holds whose answers were lost, due for their first query; pay codes start with <paramref name="payCodePrefix"/>.</summary>
    private async Task<List<long>> ThreeDueAsync(string payCodePrefix)
    {
        var holds = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            holds.Add(await _h.UnansweredTakeAsync(_h.Jingan, _h.JinganManager, $"{payCodePrefix}{i:D4}"));
        }
        _h.Time.Advance(TimeSpan.FromMinutes(2));
        return holds;
    }

    [Fact]
    public async Task ABatchOnTwoTerminals_QueriesEachHoldOnce_UnderItsOwnTerminalsNextTraceNumbers()
    {
        var jingan = new List<long>();
        var pudong = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            jingan.Add(await _h.UnansweredTakeAsync(_h.Jingan, _h.JinganManager, $"13456789012347{i:D4}"));
            pudong.Add(await _h.UnansweredTakeAsync(_h.Pudong, _h.PudongManager, $"13456789012348{i:D4}"));
        }
        var lastTake = (await _h.OperationsAsync(pudong[^1])).Single().SystemTraceNum;
        _h.Time.Advance(TimeSpan.FromMinutes(2));

        var summary = await _h.Sweeps.SettleDueAsync();

        Assert.Equal((6, 6, 0), (summary.Checked, summary.Settled, summary.Failed));
        Assert.All(jingan.Concat(pudong), id => Assert.Equal(GuaranteeStatus.Held, _h.LoadAsync(id).Result.Status));
        await using var db = await _h.Contexts.CreateDbContextAsync();
        var queries = await db.GatewayOperations.AsNoTracking().Where(o => o.Endpoint == GatewayEndpoint.Query).ToListAsync();
        Assert.Equal(6, queries.Count);
        Assert.Equal(6, queries.Select(q => q.GuaranteeId).Distinct().Count());
        Assert.All(queries, q => Assert.Equal(OperationOutcome.Approved, q.Outcome));
        // Each terminal's counter went on from its last take, three numbers in a row.
        var next = int.Parse(lastTake, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var terminal in new[] { _h.Jingan.Id, _h.Pudong.Id })
        {
            var traces = queries.Where(q => q.TerminalId == terminal).Select(q => int.Parse(q.SystemTraceNum, System.Globalization.CultureInfo.InvariantCulture)).Order();
            Assert.Equal(Enumerable.Range(next + 1, 3), traces);
        }
    }

    [Fact]
    public async Task WhenTheBatchsSaveFails_EachAnswerIsAppliedAlone_AndNoQueryIsSentAgain()
    {
        var holds = await ThreeDueAsync("13456789012349");
        // The one save that carries all three answers meets a busy database, once.
        _h.Saves.Fail = context => context.ChangeTracker.Entries<GatewayOperation>()
            .Count(e => e.State == EntityState.Modified && e.Entity.Endpoint == GatewayEndpoint.Query && e.Entity.AnsweredAt != null) == 3;

        var summary = await _h.Sweeps.SettleDueAsync();

        Assert.Null(_h.Saves.Fail);
        Assert.Equal((3, 3, 0), (summary.Checked, summary.Settled, summary.Failed));
        Assert.Equal(3, _h.Gateway.Count(GatewayEndpoint.Query));
        foreach (var id in holds)
        {
            Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(id)).Status);
            var operations = await _h.OperationsAsync(id);
            Assert.Equal(OperationOutcome.Approved, operations.Single(o => o.Endpoint == GatewayEndpoint.Query).Outcome);
            Assert.Equal(OperationOutcome.Settled, operations.Single(o => o.Endpoint == GatewayEndpoint.Preauthorize).Outcome);
        }
    }

    [Fact]
    public async Task AQueryThatThrows_FlagsAndPushesBackItsHoldAlone_TheRestOfTheBatchSettles()
    {
        var holds = await ThreeDueAsync("13456789012350");
        _h.Gateway.Next(GatewayEndpoint.Query, new ScriptedGateway.Script(AnswerAfter: Task.FromException(new HttpRequestException("the client broke"))));

        var summary = await _h.Sweeps.SettleDueAsync();

        Assert.Equal((3, 2, 1), (summary.Checked, summary.Settled, summary.Failed));
        var after = await Task.WhenAll(holds.Select(_h.LoadAsync));
        Assert.Equal(2, after.Count(g => g is { Status: GuaranteeStatus.Held, NeedsAttention: false }));
        var broken = Assert.Single(after, g => g.Status == GuaranteeStatus.Authorizing);
        Assert.True(broken.NeedsAttention);
        Assert.True(broken.NextCheckAt > _h.Time.GetUtcNow() + TimeSpan.FromMinutes(10));
        Assert.Equal(3, _h.Gateway.Count(GatewayEndpoint.Query));
    }

    [Fact]
    public async Task AHoldCompletedWhileItsBatchsQueriesAreOut_KeepsTheCompletion_TheOthersTakeTheirAnswers()
    {
        var first = await _h.HeldAsync(20_000, "134567890123450011");
        var second = await _h.HeldAsync(20_000, "134567890123450012");
        var firstAnswer = new TaskCompletionSource();
        _h.Gateway.Next(GatewayEndpoint.Query, new ScriptedGateway.Script(AnswerAfter: firstAnswer.Task));
        _h.Time.Advance(TimeSpan.FromHours(13));

        // One query at a time: the second hold's query is recorded, and waits behind the first's.
        var sync = _h.Sweeps.SyncHeldAsync(TimeSpan.FromHours(12), maxConcurrency: 1);
        await Eventually.TrueAsync(() => Task.FromResult(_h.Gateway.Count(GatewayEndpoint.Query) == 1), "the first query was sent");
        // Meanwhile its manager completes the second hold: the query recorded before that describes the past.
        Assert.Equal(GuaranteeStatus.Completed, (await _h.Guarantees.CompleteAsync(_h.JinganManager, second, 15_000)).Unwrap().Status);
        firstAnswer.SetResult();

        Assert.Equal(2, await sync);
        var completed = await _h.LoadAsync(second);
        Assert.Equal((GuaranteeStatus.Completed, 15_000L), (completed.Status, completed.CompletedFen));
        var held = await _h.LoadAsync(first);
        Assert.Equal(GuaranteeStatus.Held, held.Status);
        Assert.NotNull(held.LastCheckedAt);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        Assert.All((await _h.OperationsAsync(second)).Where(o => o.Endpoint == GatewayEndpoint.Query), q => Assert.NotEqual(OperationOutcome.Pending, q.Outcome));
    }
}

/// <summary>Every test of <see cref="SweepBatchTests"/>, on PostgreSQL.</summary>
public sealed class SweepBatchTestsOnPostgres : SweepBatchTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
