using PosLink.Domain.Exports;
using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Finance;

/// <summary>
/// One money vocabulary (DESIGN §9): for one hold in every state, the hold's page, the holds list and its totals, the
/// dashboards, Settlements and every export show the same held, completed, released, discount and paid figures, the
/// ones worked out by hand in <see cref="MoneyFixture"/>.
/// </summary>
public class MoneyVocabularyTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;
    private IReadOnlyList<MoneyFixture.Expected> _holds = [];

    /// <summary>The ledger's database; <see cref="MoneyVocabularyTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync()
    {
        _h = await LedgerHarness.CreateAsync(provider: Provider);
        _holds = await MoneyFixture.BuildAsync(_h);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private GuaranteeQueries Queries => new(_h.Contexts, _h.Time);

    private DashboardQueries Dashboards => new(_h.Contexts, Queries, _h.Settlements, _h.Differences, new PosLink.Domain.Guarantees.Approvals.ApprovalQueries(_h.Contexts, _h.Time), _h.Time);

    private DateOnly Today => ChinaTime.TradeDate(_h.Time.GetUtcNow());

    private IEnumerable<MoneyFixture.Expected> Completed => _holds.Where(e => e.Status == GuaranteeStatus.Completed);

    [Fact]
    public async Task TheHoldsPageAndTheList_ShowEachHoldsFigures()
    {
        var rows = (await Queries.ListAsync(_h.JinganManager, new GuaranteeFilter(), pageSize: 50)).Rows.ToDictionary(r => r.Id);
        foreach (var expected in _holds)
        {
            var detail = await Queries.DetailAsync(_h.JinganManager, expected.Id);
            Assert.Equal((expected.Name, expected.Figures()), (expected.Name, detail!.Hold.Figures));
            Assert.Equal((expected.Name, expected.Figures()), (expected.Name, rows[expected.Id].Figures));
        }
    }

    [Fact]
    public async Task TheSlip_ShowsEachHoldsFigures()
    {
        foreach (var expected in _holds)
        {
            var slip = await Queries.SlipAsync(_h.JinganManager, expected.Id);
            Assert.Equal((expected.Name, expected.Figures()), (expected.Name, slip!.Figures));
        }
    }

    [Fact]
    public async Task TheListsTotals_SumTheSameFigures_WhicheverWayTheyAreCounted()
    {
        var all = await Queries.TotalsAsync(_h.JinganManager, new GuaranteeFilter());
        Assert.Equal((_holds.Count, _holds.Sum(e => e.Held), _holds.Sum(e => e.Completed ?? 0)), (all.Count, all.HeldFen, all.CompletedFen));

        foreach (var status in _holds.Select(e => e.Status).Distinct())
        {
            var these = _holds.Where(e => e.Status == status).ToList();
            // By store and status the summary rows answer; with any other condition the holds are scanned.
            var summarized = await Queries.TotalsAsync(_h.JinganManager, new GuaranteeFilter(Statuses: [status], StoreId: _h.Jingan.StoreId));
            var scanned = await Queries.TotalsAsync(_h.JinganManager, new GuaranteeFilter(Statuses: [status], MinFen: 1));
            var expected = (status, these.Count, these.Sum(e => e.Held), these.Sum(e => e.Completed ?? 0));
            Assert.Equal(expected, (status, summarized.Count, summarized.HeldFen, summarized.CompletedFen));
            Assert.Equal(expected, (status, scanned.Count, scanned.HeldFen, scanned.CompletedFen));
        }
    }

    [Fact]
    public async Task TheDashboards_ShowTheSameFigures()
    {
        var store = await Dashboards.StoresAsync(_h.JinganManager);
        Assert.Equal(_holds.Where(e => e.Status == GuaranteeStatus.Held).Sum(e => e.Held), store.HeldFen);
        Assert.All(store.Recent, r => Assert.Equal(_holds.Single(e => e.Id == r.Id).Figures(), r.Figures));

        var finance = await Dashboards.FinanceAsync(_h.Finance);
        Assert.Equal((Completed.Count(), Completed.Sum(e => e.Completed!.Value)), (finance.CompletedTodayCount, finance.CompletedTodayFen));
        Assert.Equal(SettlementOf(Completed), finance.SettledToday);
    }

    [Fact]
    public async Task Settlements_AndItsRows_ShowTheSameFigures()
    {
        var report = (await _h.Settlements.ReportAsync(_h.Finance, new SettlementFilter(Today, Today))).Unwrap();
        Assert.Equal(SettlementOf(Completed), report.Totals);

        var rows = (await _h.Settlements.HoldsAsync(_h.Finance, new SettlementFilter(Today, Today), null)).Unwrap();
        Assert.Equal(Completed.Select(e => (e.Id, e.Figures())).OrderBy(r => r.Id), rows.Select(r => (r.Id, r.Figures)).OrderBy(r => r.Id));
    }

    [Fact]
    public async Task EveryExport_WritesTheSameFigures()
    {
        var holds = await Queries.StreamAsync(_h.Admin, new GuaranteeFilter()).ToListAsync();
        var holdColumns = ExportTables.Guarantees();
        foreach (var row in holds)
        {
            var expected = _holds.Single(e => e.Id == row.Id);
            Assert.Equal((expected.Name, expected.Held, expected.Completed, expected.Released, expected.MerchantDiscount, expected.OtherDiscount, expected.Paid),
                (expected.Name, Fen(holdColumns, row, "担保金额（分）"), Fen(holdColumns, row, "完成金额（分）"), Fen(holdColumns, row, "释放金额（分）"),
                    Fen(holdColumns, row, "商户优惠（分）"), Fen(holdColumns, row, "其他优惠（分）"), Fen(holdColumns, row, "顾客实付（分）")));
        }
        Assert.Equal(_holds.Count, holds.Count);

        var settled = await _h.Settlements.StreamAsync(_h.Finance, new SettlementFilter(Today, Today)).ToListAsync();
        var settlementColumns = ExportTables.Settlements();
        foreach (var row in settled)
        {
            var expected = Completed.Single(e => e.Id == row.Id);
            Assert.Equal((expected.Held, expected.Completed, expected.Released, expected.MerchantDiscount, expected.OtherDiscount, expected.Paid),
                (Fen(settlementColumns, row, "担保金额（分）"), Fen(settlementColumns, row, "完成金额（分）"), Fen(settlementColumns, row, "释放金额（分）"),
                    Fen(settlementColumns, row, "商户优惠（分）"), Fen(settlementColumns, row, "其他优惠（分）"), Fen(settlementColumns, row, "顾客实付（分）")));
        }
        Assert.Equal(Completed.Count(), settled.Count);
    }

    /// <summary>The fen figure a column writes for a row (null for an empty cell).</summary>
    private static long? Fen<T>(IReadOnlyList<ExportColumn<T>> columns, T row, string name) => (long?)columns.Single(c => c.Chinese == name).Cell(row);

    private static SettlementFigures SettlementOf(IEnumerable<MoneyFixture.Expected> completions)
    {
        var list = completions.ToList();
        return new SettlementFigures(list.Count, list.Sum(e => e.Held), list.Sum(e => e.Completed!.Value), list.Sum(e => e.Released!.Value),
            list.Sum(e => e.MerchantDiscount!.Value), list.Sum(e => e.OtherDiscount!.Value), list.Sum(e => e.Paid!.Value), 0);
    }
}

/// <summary>Every test of <see cref="MoneyVocabularyTests"/>, on PostgreSQL.</summary>
public sealed class MoneyVocabularyTestsOnPostgres : MoneyVocabularyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
