using Microsoft.Extensions.Logging.Abstractions;
using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>
/// A sweep runs two batches at once over one set of lanes: the next batch's queries go out while the last batch's
/// tail is still out or its answers are being saved, and the two together never press the platform with more calls
/// than the setting allows.
/// </summary>
public class SweepOverlapTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="SweepOverlapTestsOnPostgres"/> runs every test here on PostgreSQL, where two claims made together would pick the same holds.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>Twenty holds whose answers were lost, on two terminals, due for their first query.</summary>
    private async Task<List<long>> TwentyDueAsync()
    {
        var holds = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            holds.Add(await _h.UnansweredTakeAsync(_h.Jingan, _h.JinganManager, $"13456789012347{i:D4}"));
            holds.Add(await _h.UnansweredTakeAsync(_h.Pudong, _h.PudongManager, $"13456789012348{i:D4}"));
        }
        _h.Time.Advance(TimeSpan.FromMinutes(2));
        return holds;
    }

    private GuaranteeSweeps SweepsThrough(IPosLinkGateway gateway) => new(_h.Contexts,
        new GuaranteeReconciler(_h.Contexts, gateway, new NoGuaranteeChanges(), _h.Time, _h.Timing, NullLogger<GuaranteeReconciler>.Instance),
        _h.Time, _h.Timing, NullLogger<GuaranteeSweeps>.Instance);

    [Fact]
    public async Task BatchesOfTen_With16Lanes_Put16QueriesOutTogether_AndQueryEachHoldOnce()
    {
        var holds = await TwentyDueAsync();
        // The door opens at 16 out at once: one batch alone can never put more than its 10 out.
        var (gateway, door) = HeldQueriesGateway.Create(_h.Gateway, open: 16);

        var run = await SweepsThrough(gateway).SweepAsync(batchSize: 10, maxBatches: 10, maxConcurrency: 16);

        Assert.Equal(16, door.Peak);
        Assert.Equal((20, 20), (run.Checked, run.Settled));
        Assert.Equal(20, _h.Gateway.Count(GatewayEndpoint.Query));
        Assert.All(holds, id => Assert.Equal(GuaranteeStatus.Held, _h.LoadAsync(id).Result.Status));
    }

    [Fact]
    public async Task TwoBatchesAtOnce_NeverPutMoreThanTheLanesOut()
    {
        await TwentyDueAsync();
        var (gateway, door) = HeldQueriesGateway.Create(_h.Gateway, open: 6);

        var run = await SweepsThrough(gateway).SweepAsync(batchSize: 10, maxBatches: 10, maxConcurrency: 6);

        Assert.Equal(6, door.Peak);
        Assert.Equal(20, run.Checked);
    }

    [Fact]
    public async Task TheCap_StopsASweepAfterItsBatches_LeavingTheRestDue()
    {
        await TwentyDueAsync();

        var run = await _h.Sweeps.SweepAsync(batchSize: 5, maxBatches: 2, maxConcurrency: 16);

        Assert.Equal((2, 10), (run.Batches, run.Checked));
        Assert.Equal(10, _h.Gateway.Count(GatewayEndpoint.Query));
    }
}

public sealed class SweepOverlapTestsOnPostgres : SweepOverlapTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
