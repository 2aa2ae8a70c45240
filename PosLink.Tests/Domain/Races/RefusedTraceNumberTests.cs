using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>Item 11: a trace number that turns out to be used does not block the terminal for the rest of the day.</summary>
public class RefusedTraceNumberTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="RefusedTraceNumberTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<PosLink.Domain.Common.Result<GuaranteeOutcome>> TakeAsync(string payCode = "134567890123456789") =>
        _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 20_000, PayMode.CodeScan, payCode));

    [Fact]
    public async Task ANumberAlreadyInTheLedger_IsSkipped_TheRequestGetsTheNextOne()
    {
        // The counter is behind the ledger (a restore of an older backup, say): its next numbers are already used today.
        int counter;
        await using (var db = await _h.Contexts.CreateDbContextAsync())
        {
            counter = await db.Terminals.Where(t => t.Id == _h.Jingan.Id).Select(t => t.LastSystemTraceNum).SingleAsync();
        }
        await _h.UseTraceNumbersAsync(_h.Jingan, [counter + 1, counter + 2]);

        var taken = (await TakeAsync()).Unwrap();
        Assert.Equal(GuaranteeStatus.Held, taken.Status);
        var trace = (await _h.LoadAsync(taken.GuaranteeId)).SystemTraceNum;
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.Preauthorize));
        Assert.NotNull(trace);
    }

    [Fact]
    public async Task A94_IsRecordedAsRefused_AndTheNextRequestOnTheTerminalGetsAFreshNumber()
    {
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: false, ErrCode: "94"));
        var refused = (await TakeAsync()).Unwrap();
        Assert.Equal((GuaranteeStatus.Declined, OutcomeKind.Declined), (refused.Status, refused.Kind));
        var operation = (await _h.OperationsAsync(refused.GuaranteeId)).Single();
        Assert.Equal((OperationOutcome.Declined, "94"), (operation.Outcome, operation.ErrCode));

        var next = (await TakeAsync("134567890123456780")).Unwrap();
        Assert.Equal(GuaranteeStatus.Held, next.Status);
        Assert.NotEqual(operation.SystemTraceNum, (await _h.LoadAsync(next.GuaranteeId)).SystemTraceNum);
    }
}

/// <summary>Every test of <see cref="RefusedTraceNumberTests"/>, on PostgreSQL.</summary>
public sealed class RefusedTraceNumberTestsOnPostgres : RefusedTraceNumberTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
