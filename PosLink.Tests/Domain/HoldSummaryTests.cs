using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

/// <summary>
/// The totals a store-and-status filter reads from the summary rows equal the totals of the holds themselves, after
/// every kind of change a hold goes through, including ones that bypass the services (a bulk update, a delete).
/// </summary>
public class HoldSummaryTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="HoldSummaryTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private GuaranteeQueries Queries => new(_h.Contexts, _h.Time);

    public async Task InitializeAsync()
    {
        _h = await LedgerHarness.CreateAsync(provider: Provider);
        var jingan = new List<long>();
        for (var i = 1; i <= 4; i++)
        {
            jingan.Add(await _h.HeldAsync(i * 1_000, $"13456789012345600{i}"));
        }
        for (var i = 1; i <= 3; i++)
        {
            (await _h.Guarantees.TakeAsync(_h.PudongManager, new TakeHold(_h.Pudong.Id, 50_000 + i, PayMode.CodeScan, $"13456789012345610{i}"))).Unwrap();
        }
        (await _h.Guarantees.CompleteAsync(_h.JinganManager, jingan[0], 600)).Unwrap();
        (await _h.Guarantees.VoidAsync(_h.JinganManager, jingan[1])).Unwrap();
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: false, ErrCode: "51"));
        await _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 7_000, PayMode.CodeScan, "134567890123456201"));
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout));
        await _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 8_000, PayMode.CodeScan, "134567890123456202"));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private IEnumerable<(Actor Actor, GuaranteeFilter Filter)> Views() =>
    [
        (_h.Admin, new GuaranteeFilter()),
        (_h.Finance, new GuaranteeFilter(Statuses: [GuaranteeStatus.Completed])),
        (_h.Admin, new GuaranteeFilter(Statuses: [GuaranteeStatus.Held, GuaranteeStatus.Authorizing], StoreId: _h.Jingan.StoreId)),
        (_h.JinganManager, new GuaranteeFilter()),
        (_h.JinganManager, new GuaranteeFilter(Statuses: [GuaranteeStatus.Held])),
        (_h.JinganManager, new GuaranteeFilter(StoreId: _h.Pudong.StoreId)),
        (_h.PudongManager, new GuaranteeFilter(Statuses: [GuaranteeStatus.Held, GuaranteeStatus.Voided])),
    ];

    /// <summary>The same totals counted from the holds, in memory.</summary>
    private async Task<GuaranteeTotals> CountedAsync(Actor actor, GuaranteeFilter filter)
    {
        await using var db = await _h.Contexts.CreateDbContextAsync();
        var holds = (await db.Guarantees.AsNoTracking().ToListAsync())
            .Where(g => actor.CanSee(g.StoreId) && (filter.Statuses is null || filter.Statuses.Contains(g.Status)) && (filter.StoreId is null || g.StoreId == filter.StoreId))
            .ToList();
        return new GuaranteeTotals(holds.Count, holds.Sum(g => g.HeldFen), holds.Sum(g => g.CompletedFen ?? 0));
    }

    private async Task AssertSummariesMatchAsync()
    {
        foreach (var (actor, filter) in Views())
        {
            Assert.Equal(await CountedAsync(actor, filter), await Queries.TotalsAsync(actor, filter));
        }
    }

    [Fact]
    public async Task AfterTakesCompletionsVoidsDeclinesAndUnknowns_TheSummaryMatchesTheHolds()
    {
        await AssertSummariesMatchAsync();
        Assert.Equal(new GuaranteeTotals(9, 1_000 + 2_000 + 3_000 + 4_000 + 150_006 + 7_000 + 8_000, 600), await Queries.TotalsAsync(_h.Admin, new GuaranteeFilter()));
    }

    [Fact]
    public async Task AfterASweepAndChangesOutsideTheServices_TheSummaryStillMatches()
    {
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await _h.SettleAsync();
        await using (var db = await _h.Contexts.CreateDbContextAsync())
        {
            // A bulk update and a delete, as a migration or a person at the database might make them.
            await db.Guarantees.Where(g => g.Status == GuaranteeStatus.Held && g.StoreId == _h.Pudong.StoreId)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.HeldFen, g => g.HeldFen + 1));
            var declined = await db.Guarantees.Where(g => g.Status == GuaranteeStatus.Declined).Select(g => g.Id).SingleAsync();
            await db.GatewayOperations.Where(o => o.GuaranteeId == declined).ExecuteDeleteAsync();
            await db.Guarantees.Where(g => g.Id == declined).ExecuteDeleteAsync();
        }
        await AssertSummariesMatchAsync();
    }

    [Fact]
    public async Task AFilterBeyondStoresAndStatuses_CountsTheHoldsItMatches()
    {
        // 3,000, 4,000, Pudong's three, the declined 7,000 and the unknown 8,000.
        var totals = await Queries.TotalsAsync(_h.Admin, new GuaranteeFilter(MinFen: 2_500));
        Assert.Equal(new GuaranteeTotals(7, 3_000 + 4_000 + 150_006 + 7_000 + 8_000, 0), totals);
    }
}

/// <summary>Every test of <see cref="HoldSummaryTests"/>, on PostgreSQL.</summary>
public sealed class HoldSummaryTestsOnPostgres : HoldSummaryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
