using System.Text;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Finance;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>
/// Figures that stay true: a hold that ended uncompleted carries no completed amount; a completion a re-sync finds is
/// booked when it is found, never on the void's day, and never silently on a day already reconciled; a query's amounts
/// are evidence, compared with ours, adopted only where we have none, and then as estimates.
/// </summary>
public class SettledFiguresTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="SettledFiguresTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private DateOnly Today => ChinaTime.TradeDate(_h.Time.GetUtcNow());

    private GuaranteeQueries Queries => new(_h.Contexts, _h.Time);

    private async Task<IReadOnlyList<DifferenceRow>> OpenDifferencesAsync() => await _h.Differences.DifferencesAsync(_h.Finance, new DifferenceFilter());

    /// <summary>A hold of ¥200 whose completion of ¥150 went unanswered and was never performed.</summary>
    private async Task<long> CompletingAsync()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.Timeout));
        Assert.Equal(GuaranteeStatus.Completing, (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000)).Unwrap().Status);
        return id;
    }

    /// <summary>What every read of the hold shows as its completed amount: the entity, the list, the voided totals and the export.</summary>
    private async Task<(long? Stored, long? Listed, long Totals, long? Exported)> CompletedEverywhereAsync(long id, GuaranteeStatus status)
    {
        var filter = new GuaranteeFilter(Statuses: [status]);
        var row = (await Queries.ListAsync(_h.Admin, filter)).Rows.Single(r => r.Id == id);
        var totals = await Queries.TotalsAsync(_h.Admin, filter);
        var exported = await Queries.StreamAsync(_h.Admin, filter).SingleAsync(r => r.Id == id);
        return ((await _h.LoadAsync(id)).CompletedFen, row.Figures.CompletedFen, totals.CompletedFen, exported.Figures.CompletedFen);
    }

    [Fact]
    public async Task ACompletingHoldAQueryReportsVoided_EndsVoided_WithNoCompletedAmountAnywhere()
    {
        var id = await CompletingAsync();
        // The platform had released it (its lifetime ended, say): the completion was never carried out.
        _h.Gateway.SetStatus((await _h.LoadAsync(id)).OrderId!, SecureStatus.Voided);

        await _h.SettleAsync();

        Assert.Equal(GuaranteeStatus.Voided, (await _h.LoadAsync(id)).Status);
        Assert.Equal(((long?)null, (long?)null, 0L, (long?)null), await CompletedEverywhereAsync(id, GuaranteeStatus.Voided));
    }

    [Fact]
    public async Task ACompletingHoldAPersonConfirmsVoided_HasNoCompletedAmountAnywhere()
    {
        var id = await CompletingAsync();
        _h.Time.Advance(_h.AnswerWindow + TimeSpan.FromSeconds(1));

        (await _h.Guarantees.ConfirmAsync(_h.Admin, id, ConfirmedAs.Voided, null, "银商平台显示已撤销")).Unwrap();

        Assert.Equal(((long?)null, (long?)null, 0L, (long?)null), await CompletedEverywhereAsync(id, GuaranteeStatus.Voided));
    }

    /// <summary>A hold voided today whose platform record, the next day, says completed for ¥120 (a POS device completed it).</summary>
    private async Task<(long Id, DateOnly VoidDay)> VoidedThenCompletedElsewhereAsync()
    {
        var id = await _h.HeldAsync(20_000);
        (await _h.Guarantees.VoidAsync(_h.JinganManager, id, "顾客取消")).Unwrap();
        var voidDay = (await _h.LoadAsync(id)).SettlementDate!.Value;
        _h.Gateway.CompleteElsewhere((await _h.LoadAsync(id)).OrderId!, 12_000);
        _h.Time.Advance(TimeSpan.FromDays(1));
        return (id, voidDay);
    }

    [Fact]
    public async Task AReSyncFromVoidedToCompleted_IsBookedOnTheDayItIsFound_Estimated_NotOnTheVoidsSettlementDay()
    {
        var (id, voidDay) = await VoidedThenCompletedElsewhereAsync();
        await _h.Reconciliation.RunAsync(_h.Finance, voidDay);
        var difference = Assert.Single(await OpenDifferencesAsync());

        (await _h.Reconciliation.ResyncAsync(_h.Finance, difference.Id)).Unwrap();

        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Completed, 12_000L, true), (g.Status, g.CompletedFen, g.CompletedFenEstimated));
        Assert.Equal((Today, true), (g.SettlementDate, g.SettlementDateEstimated));
        Assert.NotEqual(voidDay, g.SettlementDate);
        var voidDayReport = (await _h.Settlements.ReportAsync(_h.Finance, new SettlementFilter(voidDay, voidDay))).Unwrap();
        Assert.Equal(0, voidDayReport.Totals.Completions);
    }

    [Fact]
    public async Task AnEstimatedCompletionLandingOnADayAlreadyReconciled_IsADifferenceOnThatDay()
    {
        var (id, voidDay) = await VoidedThenCompletedElsewhereAsync();
        Assert.True((await _h.Reconciliation.RunAsync(_h.Finance, Today)).Unwrap().Differences == 0);
        await _h.Reconciliation.RunAsync(_h.Finance, voidDay);
        var statusDifference = Assert.Single(await OpenDifferencesAsync());

        (await _h.Reconciliation.ResyncAsync(_h.Finance, statusDifference.Id)).Unwrap();

        var late = Assert.Single(await OpenDifferencesAsync());
        Assert.Equal((id, DifferenceKind.CompletedAfterCheck, Today, 12_000L), (late.GuaranteeId, late.Kind, late.SettlementDate, late.OurFen));
        Assert.False((await _h.Differences.DayAsync(_h.Finance, Today)).Clean);
    }

    [Fact]
    public async Task ACompletionConfirmedByQueryOnADayAlreadyReconciled_IsADifferenceOnThatDay()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout));
        await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000);
        // Finance closes the day before the sweep has confirmed the completion.
        await _h.Reconciliation.RunAsync(_h.Finance, Today);

        await _h.SettleAsync();

        Assert.Equal((GuaranteeStatus.Completed, Today, true), ((await _h.LoadAsync(id)).Status, (await _h.LoadAsync(id)).SettlementDate, (await _h.LoadAsync(id)).SettlementDateEstimated));
        var late = Assert.Single(await OpenDifferencesAsync());
        Assert.Equal((id, DifferenceKind.CompletedAfterCheck, Today), (late.GuaranteeId, late.Kind, late.SettlementDate));
    }

    [Fact]
    public async Task OurCompletionsAmount_IsNeverOverwrittenByAQuery_AReSyncLeavesItToAPerson()
    {
        var completed = await _h.CompletedAsync(20_000, 15_000);
        _h.Gateway.ChangeCompletedAmount(completed.OrderId!, 14_000);
        await _h.Reconciliation.RunAsync(_h.Finance, completed.SettlementDate!.Value);
        var difference = Assert.Single(await OpenDifferencesAsync());
        Assert.Equal((DifferenceKind.AmountMismatch, 15_000L, 14_000L), (difference.Kind, difference.OurFen, difference.TheirFen));

        var resync = await _h.Reconciliation.ResyncAsync(_h.Finance, difference.Id);

        Assert.Equal("ours-stands", resync.Problem!.Code);
        var g = await _h.LoadAsync(completed.Id);
        Assert.Equal((15_000L, false), (g.CompletedFen, g.CompletedFenEstimated));
        Assert.Equal(DifferenceState.Open, Assert.Single(await OpenDifferencesAsync()).State);
    }

    [Fact]
    public async Task ACompletionMadeElsewhere_TakesTheQuerysFigureAsAnEstimate_UntilTheStatementConfirmsIt()
    {
        var id = await _h.HeldAsync(20_000);
        var orderId = (await _h.LoadAsync(id)).OrderId!;
        _h.Gateway.CompleteElsewhere(orderId, 12_000);
        await _h.Reconciler.CheckAsync(Actor.System, id);
        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Completed, 12_000L, true), (g.Status, g.CompletedFen, g.CompletedFenEstimated));

        var day = g.SettlementDate!.Value.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = Encoding.UTF8.GetBytes($"银商订单号,交易金额(元),清算日期\r\n{orderId},120.00,{day}\r\n");
        var columns = new StatementColumns(1, "银商订单号", StatementKey.OrderId, "交易金额(元)", AmountUnit.Yuan, "清算日期", null);
        (await _h.Statements.ImportAsync(_h.Finance, new StatementUpload(_h.Jingan.MerchantId, "statement.csv", csv, columns, null))).Unwrap();

        Assert.False((await _h.LoadAsync(id)).CompletedFenEstimated);
    }

    [Fact]
    public async Task DiscountsFromTheHoldsOwnAnswer_AreNotOverwrittenByAQuery_ReconciliationShowsTheDifference()
    {
        _h.Gateway.DiscountNextHold(1_000, 500);
        var id = await _h.HeldAsync(20_000);
        var orderId = (await _h.LoadAsync(id)).OrderId!;
        _h.Gateway.ChangeDiscounts(orderId, 2_000, 500);

        await _h.Reconciler.CheckAsync(Actor.System, id);
        var held = await _h.LoadAsync(id);
        Assert.Equal((1_000L, 500L), (held.MerchantDiscountFen, held.OtherDiscountFen));

        (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 20_000)).Unwrap();
        var settled = (await _h.LoadAsync(id)).SettlementDate!.Value;
        await _h.Reconciliation.RunAsync(_h.Finance, settled);
        var difference = Assert.Single(await OpenDifferencesAsync());
        Assert.Equal((DifferenceKind.AmountMismatch, DifferenceFields.MerchantDiscount, 1_000L, 2_000L),
            (difference.Kind, difference.Field, difference.OurFen, difference.TheirFen));
        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.Equal(1_000L, (await db.Guarantees.AsNoTracking().SingleAsync(g => g.Id == id)).MerchantDiscountFen);
    }
}

/// <summary>Every test of <see cref="SettledFiguresTests"/>, on PostgreSQL.</summary>
public sealed class SettledFiguresTestsOnPostgres : SettledFiguresTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
