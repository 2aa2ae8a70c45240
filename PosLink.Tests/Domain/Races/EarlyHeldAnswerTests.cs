using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>
/// Item 2: the platform may act on a completion or void after our request timed out. One "still held" answer right
/// after proves nothing: the hold goes back to Held only after the answer window, when two queries at least the first
/// backoff apart agree.
/// </summary>
public class EarlyHeldAnswerTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="EarlyHeldAnswerTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ACompletionThePlatformPerformsAfterOurTimeout_EndsCompleted_AndIsNeverSentTwice()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.Timeout));
        Assert.Equal(GuaranteeStatus.Completing, (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000)).Unwrap().Status);

        // A query inside the window, and the first one after it, still see it held: it stays in flight.
        for (var i = 0; i < 2; i++)
        {
            _h.Time.Advance(TimeSpan.FromSeconds(30));
            await _h.Sweeps.SettleDueAsync();
        }
        Assert.Equal(2, _h.Gateway.Count(GatewayEndpoint.Query));
        Assert.Equal(GuaranteeStatus.Completing, (await _h.LoadAsync(id)).Status);
        Assert.Equal("in-flight", (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000)).Problem!.Code);

        // Then the platform's late completion happens; the next query sees it.
        var orderId = (await _h.LoadAsync(id)).OrderId!;
        _h.Gateway.CompleteElsewhere(orderId, 15_000);
        await _h.SettleAsync();

        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Completed, 15_000L), (g.Status, g.CompletedFen));
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
    }

    [Fact]
    public async Task ACompletionThatNeverHappened_ReturnsToHeld_OnlyWhenTwoQueriesAfterTheWindowAgree()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.ConnectionReset));
        await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000);

        _h.Time.Advance(_h.AnswerWindow);
        await _h.Reconciler.CheckAsync(PosLink.Domain.Staff.Actor.System, id);
        Assert.Equal(GuaranteeStatus.Completing, (await _h.LoadAsync(id)).Status);

        // A second agreeing answer, but too soon after the first, is not enough either.
        _h.Time.Advance(TimeSpan.FromSeconds(1));
        await _h.Reconciler.CheckAsync(PosLink.Domain.Staff.Actor.System, id);
        Assert.Equal(GuaranteeStatus.Completing, (await _h.LoadAsync(id)).Status);

        _h.Time.Advance(_h.Options.Backoff(0));
        await _h.Reconciler.CheckAsync(PosLink.Domain.Staff.Actor.System, id);
        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Held, (long?)null), (g.Status, g.CompletedFen));
        Assert.Equal(OperationOutcome.Settled, (await _h.OperationsAsync(id)).Single(o => o.Endpoint == GatewayEndpoint.CompleteAuthorization).Outcome);
    }

    [Fact]
    public async Task AVoidThatNeverHappened_ReturnsToHeld_OnlyWhenTwoQueriesAfterTheWindowAgree_AndIsNeverSentTwiceMeanwhile()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.VoidAuthorization, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.Timeout));
        Assert.Equal(GuaranteeStatus.Voiding, (await _h.Guarantees.VoidAsync(_h.JinganManager, id)).Unwrap().Status);

        // Inside the answer window a "still held" proves nothing: the platform may still act on our void.
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        await _h.Reconciler.CheckAsync(PosLink.Domain.Staff.Actor.System, id);
        Assert.Equal(GuaranteeStatus.Voiding, (await _h.LoadAsync(id)).Status);
        Assert.Equal("in-flight", (await _h.Guarantees.VoidAsync(_h.JinganManager, id)).Problem!.Code);
        Assert.Equal("in-flight", (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 20_000)).Problem!.Code);

        // After the window, one answer is not enough; two, the first backoff apart, are.
        _h.Time.Advance(_h.AnswerWindow);
        await _h.Reconciler.CheckAsync(PosLink.Domain.Staff.Actor.System, id);
        Assert.Equal(GuaranteeStatus.Voiding, (await _h.LoadAsync(id)).Status);
        _h.Time.Advance(_h.Options.Backoff(0));
        await _h.Reconciler.CheckAsync(PosLink.Domain.Staff.Actor.System, id);
        Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(id)).Status);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.VoidAuthorization));
        Assert.Equal(OperationOutcome.Settled, (await _h.OperationsAsync(id)).Single(o => o.Endpoint == GatewayEndpoint.VoidAuthorization).Outcome);
    }
}

/// <summary>Every test of <see cref="EarlyHeldAnswerTests"/>, on PostgreSQL.</summary>
public sealed class EarlyHeldAnswerTestsOnPostgres : EarlyHeldAnswerTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
