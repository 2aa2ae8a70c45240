using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>Item 5: an answer that contradicts what we saw goes to a person, not to a final state; the hold stays actionable.</summary>
public class ContradictionTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="ContradictionTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task FailedForAHoldWeSawApproved_NeedsAttention_AndStaysHeld()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.SetStatus((await _h.LoadAsync(id)).OrderId!, SecureStatus.Failed);

        await _h.Reconciler.CheckAsync(Actor.System, id);

        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Held, true), (g.Status, g.NeedsAttention));
        Assert.Contains("交易失败", Said.Zh(g.AttentionReason), StringComparison.Ordinal);
        Assert.Equal("The platform reports a failure for a hold it confirmed", Said.En(g.AttentionReason));
        // Still actionable: a manager's void goes to the gateway (which then has its say).
        Assert.True((await _h.Guarantees.VoidAsync(_h.JinganManager, id, "核实后撤销")).Succeeded);
        Assert.Equal(1, _h.Gateway.Count(PosLink.Domain.Gateway.GatewayEndpoint.VoidAuthorization));
    }

    [Fact]
    public async Task HeldPastItsLifetime_NeedsAttention_InsteadOfExpired()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Time.Advance(TimeSpan.FromDays(_h.Options.LifetimeDays) + TimeSpan.FromHours(1));

        await _h.Reconciler.CheckAsync(Actor.System, id);

        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Held, true), (g.Status, g.NeedsAttention));
        Assert.Contains("有效期", Said.Zh(g.AttentionReason), StringComparison.Ordinal);
        // Still actionable: the platform says the funds are held, so the store may complete it.
        Assert.Equal(GuaranteeStatus.Completed, (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 20_000)).Unwrap().Status);
    }

    [Fact]
    public async Task ReleasedPastItsLifetime_IsExpired()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Time.Advance(TimeSpan.FromDays(_h.Options.LifetimeDays) + TimeSpan.FromHours(1));
        _h.Gateway.SetStatus((await _h.LoadAsync(id)).OrderId!, SecureStatus.Voided);

        await _h.Reconciler.CheckAsync(Actor.System, id);

        Assert.Equal((GuaranteeStatus.Expired, false), ((await _h.LoadAsync(id)).Status, (await _h.LoadAsync(id)).NeedsAttention));
    }
}

/// <summary>Every test of <see cref="ContradictionTests"/>, on PostgreSQL.</summary>
public sealed class ContradictionTestsOnPostgres : ContradictionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
