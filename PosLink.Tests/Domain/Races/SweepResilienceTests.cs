using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>
/// Item 7: one bad hold cannot stall the sweep, and an import finds a PosLink twin still waiting for its answer; sweeps
/// running at once (one per node) share the due holds instead of each querying all of them.
/// </summary>
public class SweepResilienceTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="SweepResilienceTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AHoldThatFailsToSave_IsFlaggedAndPushedBack_TheRestOfTheBatchSettles()
    {
        var held = await _h.HeldAsync(10_000);
        var broken = await _h.UnansweredTakeAsync(_h.Jingan, _h.JinganManager, "134567890123450001");
        var fine = await _h.UnansweredTakeAsync(_h.Jingan, _h.JinganManager, "134567890123450002");
        // The platform's record of the broken one now carries the order id of another hold: saving it violates the unique index.
        _h.Gateway.ChangeOrderId((await _h.LoadAsync(broken)).SystemTraceNum!, (await _h.LoadAsync(held)).OrderId!);

        _h.Time.Advance(TimeSpan.FromMinutes(2));
        var summary = await _h.Sweeps.SettleDueAsync();

        Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(fine)).Status);
        var b = await _h.LoadAsync(broken);
        Assert.True(b.NeedsAttention);
        Assert.True(b.NextCheckAt > _h.Time.GetUtcNow() + TimeSpan.FromMinutes(10));
        Assert.Equal(2, summary.Checked);
    }

    [Fact]
    public async Task SweepsRunningAtOnce_AsOnSeveralNodes_QueryEachDueHoldOnce()
    {
        var holds = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            holds.Add(await _h.UnansweredTakeAsync(_h.Jingan, _h.JinganManager, $"13456789012346{i:D4}"));
        }
        _h.Time.Advance(TimeSpan.FromMinutes(2));
        var queriesBefore = _h.Gateway.Count(GatewayEndpoint.Query);

        // Four sweeps, each able to take every due hold: the claim hands each hold to one of them.
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _h.Sweeps.SettleDueAsync(batchSize: 40))));

        Assert.Equal(40, sweeps.Sum(s => s.Checked));
        Assert.Equal(40, _h.Gateway.Count(GatewayEndpoint.Query) - queriesBefore);
        foreach (var id in holds)
        {
            Assert.Equal(1, (await _h.OperationsAsync(id)).Count(o => o.Endpoint == GatewayEndpoint.Query));
            Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(id)).Status);
        }
    }

    [Fact]
    public async Task ImportingAHoldWhoseTwinIsStillAuthorizing_SettlesTheTwin_InsteadOfAddingASecondRow()
    {
        var twin = await _h.UnansweredTakeAsync(_h.Jingan, _h.JinganManager, "134567890123450003");
        var trace = (await _h.LoadAsync(twin)).SystemTraceNum!;

        var imported = (await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, null, trace)).Unwrap();

        Assert.Equal(twin, imported.GuaranteeId);
        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.Guarantees.CountAsync());
        var g = await _h.LoadAsync(twin);
        Assert.Equal((GuaranteeStatus.Held, false), (g.Status, g.Imported));
        Assert.NotNull(g.OrderId);
    }
}

/// <summary>Every test of <see cref="SweepResilienceTests"/>, on PostgreSQL.</summary>
public sealed class SweepResilienceTestsOnPostgres : SweepResilienceTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
