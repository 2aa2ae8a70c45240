using PosLink.Domain.Finance;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Finance;

/// <summary>The settlements report against figures worked out by hand.</summary>
public class SettlementTotalsTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="SettlementTotalsTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private DateOnly Today => ChinaTime.TradeDate(_h.Time.GetUtcNow());

    [Fact]
    public async Task Totals_CountFullPartialDiscountedAndQueryConfirmedCompletions_AndLeaveVoidsOut()
    {
        await _h.CompletedAsync(20_000);                       // full
        await _h.CompletedAsync(50_000, 32_000);               // partial: 18,000 released
        _h.Gateway.DiscountNextHold(1_500, 500);
        await _h.CompletedAsync(30_000);                       // discounted: the customer paid 28,000
        var voided = await _h.HeldAsync(10_000);
        (await _h.Guarantees.VoidAsync(_h.JinganManager, voided)).Unwrap();
        var lost = await _h.HeldAsync(40_000);                 // the completion's answer is lost; a query confirms it
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout));
        await _h.Guarantees.CompleteAsync(_h.JinganManager, lost, 25_000);
        await _h.SettleAsync();
        var pudong = (await _h.Guarantees.TakeAsync(_h.PudongManager, new TakeHold(_h.Pudong.Id, 12_000, PayMode.CodeScan, "134567890123450000"))).Unwrap();
        (await _h.Guarantees.CompleteAsync(_h.PudongManager, pudong.GuaranteeId, 12_000)).Unwrap();

        var report = (await _h.Settlements.ReportAsync(_h.Finance, new SettlementFilter(Today, Today))).Unwrap();

        var expected = new SettlementFigures(Completions: 5, HeldFen: 152_000, CompletedFen: 119_000, ReleasedFen: 33_000, MerchantDiscountFen: 1_500, OtherDiscountFen: 500,
            PaidFen: 117_000, Estimated: 1);
        Assert.Equal(expected, report.Totals);
        Assert.Equal(expected, Assert.Single(report.Groups).Figures);
        Assert.Equal(new SettlementDayPoint(Today, 119_000, 5), Assert.Single(report.Daily));

        var byStore = (await _h.Settlements.ReportAsync(_h.Finance, new SettlementFilter(Today, Today, SettlementGrouping.Store))).Unwrap();
        Assert.Equal([("浦东店", 1, 12_000L, 12_000L), ("静安店", 4, 140_000L, 107_000L)],
            byStore.Groups.Select(g => (g.Label, g.Figures.Completions, g.Figures.HeldFen, g.Figures.CompletedFen)).OrderBy(g => g.Label, StringComparer.Ordinal));
        Assert.Equal(report.Totals, byStore.Totals);

        var drill = (await _h.Settlements.HoldsAsync(_h.Finance, new SettlementFilter(Today, Today), new SettlementGroupKey(Day: Today))).Unwrap();
        Assert.Equal(5, drill.Count);
        var estimated = Assert.Single(drill, r => r.SettlementDateEstimated);
        Assert.Equal((lost, 25_000L), (estimated.Id, estimated.Figures.CompletedFen));
        Assert.Equal(28_000, Assert.Single(drill, r => r.MerchantDiscountFen > 0).Figures.PaidFen);
    }

    [Fact]
    public async Task AStoreManager_SeesTheFiguresOfTheirOwnStoresOnly()
    {
        await _h.CompletedAsync(20_000);
        var pudong = (await _h.Guarantees.TakeAsync(_h.PudongManager, new TakeHold(_h.Pudong.Id, 12_000, PayMode.CodeScan, "134567890123450000"))).Unwrap();
        (await _h.Guarantees.CompleteAsync(_h.PudongManager, pudong.GuaranteeId, 12_000)).Unwrap();

        var report = (await _h.Settlements.ReportAsync(_h.PudongManager, new SettlementFilter(Today, Today))).Unwrap();

        Assert.Equal((1, 12_000L), (report.Totals.Completions, report.Totals.CompletedFen));
    }

    [Fact]
    public async Task ARangeBackwardsOrLongerThanAYear_IsRefusedWithTheDates()
    {
        var backwards = await _h.Settlements.ReportAsync(_h.Finance, new SettlementFilter(Today, Today.AddDays(-1)));
        var tooLong = await _h.Settlements.ReportAsync(_h.Finance, new SettlementFilter(Today.AddDays(-366), Today));

        Assert.Contains(Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), backwards.Problem!.English, StringComparison.Ordinal);
        Assert.Contains("367", tooLong.Problem!.English, StringComparison.Ordinal);
    }
}

/// <summary>Every test of <see cref="SettlementTotalsTests"/>, on PostgreSQL.</summary>
public sealed class SettlementTotalsTestsOnPostgres : SettlementTotalsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>A completion late on New Year's Eve settles on "0101": the next year's first day, never this year's.</summary>
public sealed class SettlementNewYearTests : IAsyncLifetime
{
    // 2026-12-31 23:30 China time.
    private static readonly DateTimeOffset NewYearsEve = new(2026, 12, 31, 15, 30, 0, TimeSpan.Zero);
    private LedgerHarness _h = default!;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(NewYearsEve);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task ACompletionAfterTheCutOffOnNewYearsEve_SettlesOnTheFirstOfJanuaryOfTheNextYear()
    {
        var onTheDay = await _h.CompletedAsync(10_000);
        _h.Gateway.SettlementDaysAhead = 1;
        var afterCutOff = await _h.CompletedAsync(30_000, 24_000);
        _h.Gateway.SettlementDaysAhead = 0;
        _h.Time.Advance(TimeSpan.FromMinutes(40));             // 2027-01-01 00:10
        var nextYear = await _h.CompletedAsync(5_000);

        Assert.Equal(new DateOnly(2026, 12, 31), onTheDay.SettlementDate);
        Assert.Equal(new DateOnly(2027, 1, 1), afterCutOff.SettlementDate);
        Assert.Equal(new DateOnly(2027, 1, 1), nextYear.SettlementDate);
        var report = (await _h.Settlements.ReportAsync(_h.Finance, new SettlementFilter(new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 1)))).Unwrap();
        Assert.Equal([(new DateOnly(2026, 12, 31), 10_000L, 1), (new DateOnly(2027, 1, 1), 29_000L, 2)], report.Daily.Select(d => (d.Day, d.CompletedFen, d.Completions)));
        var lastYear = (await _h.Settlements.ReportAsync(_h.Finance, new SettlementFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)))).Unwrap();
        Assert.Equal(0, lastYear.Totals.Completions);
    }
}
