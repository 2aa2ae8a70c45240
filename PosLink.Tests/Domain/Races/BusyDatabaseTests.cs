using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>
/// Item 12: the gateway approved, then saving its answer failed (the database was busy). The user is told the hold is
/// being confirmed, the sweep settles it, and pressing the button again with the same form does not take a second hold.
/// </summary>
public class BusyDatabaseTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="BusyDatabaseTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<PosLink.Domain.Common.Result<GuaranteeOutcome>> TakeAsync() =>
        _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 20_000, PayMode.CodeScan, "134567890123456789", MerchantOrderId: "PL-FORM-0001"));

    [Fact]
    public async Task ApprovedButNotSaved_IsBeingConfirmed_ARetryFindsTheSameHold_TheSweepSettlesIt()
    {
        _h.Saves.Fail = context => context.ChangeTracker.Entries<GatewayOperation>()
            .Any(e => e.State == EntityState.Modified && e.Entity.Endpoint == GatewayEndpoint.Preauthorize && e.Entity.AnsweredAt != null);

        var first = (await TakeAsync()).Unwrap();
        Assert.Equal((OutcomeKind.Pending, "confirming"), (first.Kind, first.Reason!.Code));
        Assert.Equal(OperationOutcome.Pending, (await _h.OperationsAsync(first.GuaranteeId)).Single().Outcome);

        // The cashier presses again: the form still carries its merchant order id, so the same hold is found.
        var again = (await TakeAsync()).Unwrap();
        Assert.Equal(first.GuaranteeId, again.GuaranteeId);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.Preauthorize));

        await _h.SettleAsync();
        Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(first.GuaranteeId)).Status);
        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Guarantees.CountAsync());
    }

    [Fact]
    public async Task TheSameMerchantOrderId_FromAnotherTerminalOrAmount_IsStillRefused()
    {
        (await TakeAsync()).Unwrap();
        var other = await _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 30_000, PayMode.CodeScan, "134567890123456789", MerchantOrderId: "PL-FORM-0001"));
        Assert.Equal("merchantOrderId", other.Problem!.Field);
    }
}

/// <summary>Every test of <see cref="BusyDatabaseTests"/>, on PostgreSQL.</summary>
public sealed class BusyDatabaseTestsOnPostgres : BusyDatabaseTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
