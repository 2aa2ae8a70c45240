using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>
/// Item 3: a query by trace number must prove it found our hold (amount, trade date and trace) before its ids are
/// adopted. A counter rolled back by a restore, or a POS device sharing the terminal code, makes the platform
/// answer with another customer's hold.
/// </summary>
public class TraceQueryIdentityTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="TraceQueryIdentityTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AnotherCustomersHoldUnderOurTrace_IsNotAdopted_TheHoldNeedsAttention()
    {
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.Timeout));
        var taken = (await _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 20_000, PayMode.CodeScan, "134567890123456789"))).Unwrap();
        var ours = await _h.LoadAsync(taken.GuaranteeId);
        // Someone else's hold on the same terminal under the same trace number today.
        var theirs = _h.Gateway.HoldTakenElsewhere("898310148160568", "JA000001", ours.SystemTraceNum!, 99_900, "289876543210987654");

        await _h.SettleAsync();

        var g = await _h.LoadAsync(taken.GuaranteeId);
        Assert.True(g.NeedsAttention);
        Assert.Contains("不符", Said.Zh(g.AttentionReason), StringComparison.Ordinal);
        Assert.Null(g.OrderId);
        Assert.Null(g.AuthorizationCode);
        Assert.NotEqual(GuaranteeStatus.Held, g.Status);
        Assert.NotEqual(theirs, g.OrderId);
    }

    [Fact]
    public async Task OurOwnHoldUnderOurTrace_IsAdopted()
    {
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout));
        var taken = (await _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 20_000, PayMode.CodeScan, "134567890123456789"))).Unwrap();
        await _h.SettleAsync();
        var g = await _h.LoadAsync(taken.GuaranteeId);
        Assert.Equal((GuaranteeStatus.Held, false), (g.Status, g.NeedsAttention));
        Assert.Equal(_h.Gateway.OrderIdByTrace(g.SystemTraceNum!), g.OrderId);
    }
}

/// <summary>Every test of <see cref="TraceQueryIdentityTests"/>, on PostgreSQL.</summary>
public sealed class TraceQueryIdentityTestsOnPostgres : TraceQueryIdentityTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
