using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Finance;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

/// <summary>What a store manager watches: money held now in their stores, and what needs doing.</summary>
public sealed record StoreDashboard(long HeldFen, IReadOnlyDictionary<GuaranteeStatus, int> CountsByStatus, int ExpiringSoon, int NeedingAttention, int AwaitingMyApproval,
    IReadOnlyList<GuaranteeRow> Recent);

/// <summary>
/// What finance watches, today and this month (China time): completed money by when it was completed, settled money by
/// settlement date (the settlements page's figures for the same dates), open differences, and the completions whose
/// settlement date is only estimated.
/// </summary>
public sealed record FinanceDashboard(DateOnly Today, long CompletedTodayFen, int CompletedTodayCount, long CompletedThisMonthFen, int CompletedThisMonthCount,
    SettlementFigures SettledToday, SettlementFigures SettledThisMonth, int OpenDifferences, int EstimatedSettlementDates)
{
    public long SettledTodayFen => SettledToday.CompletedFen;
    public DateOnly MonthStart => new(Today.Year, Today.Month, 1);
}

/// <summary>An errCode's share of the last day's gateway answers.</summary>
public sealed record ErrCodeRate(string ErrCode, int Count, double Share);

/// <summary>What an admin watches: terminals not active, how the gateway answers, and accounts a distributed password guess put under protection.</summary>
public sealed record AdminDashboard(IReadOnlyList<TerminalRow> InactiveTerminals, int OperationsLastDay, IReadOnlyList<ErrCodeRate> ErrCodesLastDay, int UnansweredLastDay,
    int AccountsUnderAttackLastDay);

/// <summary>The dashboards' numbers, each limited to what the actor may see.</summary>
public sealed class DashboardQueries(IDbContextFactory<PosLinkDbContext> contexts, GuaranteeQueries guarantees, SettlementQueries settlements, ReconciliationQueries reconciliation,
    Approvals.ApprovalQueries approvalQueries, TimeProvider time)
{
    public async Task<StoreDashboard> StoresAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visible = db.Guarantees.VisibleTo(actor);
        var held = await visible.Where(g => g.Status == GuaranteeStatus.Held).SumAsync(g => g.HeldFen, cancellationToken);
        var counts = await visible.GroupBy(g => g.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var expiring = await visible.CountAsync(g => g.ExpiringSoon && g.Status == GuaranteeStatus.Held, cancellationToken);
        var attention = await visible.CountAsync(g => g.NeedsAttention, cancellationToken);
        var approvals = await approvalQueries.WaitingForAsync(actor, cancellationToken);
        var recent = await guarantees.ListAsync(actor, new GuaranteeFilter(), GuaranteeSort.Newest, 8, null, cancellationToken);
        return new StoreDashboard(held, counts, expiring, attention, approvals, recent.Rows);
    }

    public async Task<FinanceDashboard> FinanceAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var today = ChinaTime.TradeDate(time.GetUtcNow());
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var dayStartUtc = ChinaTime.StartOf(today);
        var monthStartUtc = ChinaTime.StartOf(monthStart);
        var settledToday = (await settlements.ReportAsync(actor, new SettlementFilter(today, today), cancellationToken)).Unwrap().Totals;
        var settledMonth = (await settlements.ReportAsync(actor, new SettlementFilter(monthStart, today), cancellationToken)).Unwrap().Totals;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var completed = db.Guarantees.VisibleTo(actor).Where(g => g.Status == GuaranteeStatus.Completed && g.FinalizedAt != null);
        var completedToday = completed.Where(g => g.FinalizedAt >= dayStartUtc);
        var completedMonth = completed.Where(g => g.FinalizedAt >= monthStartUtc);
        return new FinanceDashboard(
            today,
            await completedToday.Select(g => HoldFigures.Completed(g.Status, g.CompletedFen) ?? 0).WithFormulas().SumAsync(cancellationToken),
            await completedToday.CountAsync(cancellationToken),
            await completedMonth.Select(g => HoldFigures.Completed(g.Status, g.CompletedFen) ?? 0).WithFormulas().SumAsync(cancellationToken),
            await completedMonth.CountAsync(cancellationToken),
            settledToday,
            settledMonth,
            await reconciliation.OpenCountAsync(actor, cancellationToken),
            await completed.CountAsync(g => g.SettlementDateEstimated, cancellationToken));
    }

    public async Task<AdminDashboard> AdminAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdmin)
        {
            return new AdminDashboard([], 0, [], 0, 0);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var since = time.GetUtcNow().AddDays(-1);
        var inactive = await db.Terminals
            .Where(t => t.IsEnabled && t.Activation != ActivationState.Active).OrderBy(t => t.TerminalCode)
            .Select(t => new TerminalRow(t.Id, t.TerminalCode, t.StoreId, t.Store!.Name, t.IsEnabled, t.Activation, t.LastActivationErrCode, t.LastActivationErrInfo))
            .ToListAsync(cancellationToken);
        var recent = db.GatewayOperations.Where(o => o.CreatedAt >= since);
        var total = await recent.CountAsync(cancellationToken);
        var unanswered = await recent.CountAsync(o => o.UnansweredReason != null, cancellationToken);
        var byCode = await recent.Where(o => o.ErrCode != null).GroupBy(o => o.ErrCode!).Select(g => new { Code = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var rates = byCode.OrderByDescending(c => c.Count).Select(c => new ErrCodeRate(c.Code, c.Count, total == 0 ? 0 : (double)c.Count / total)).ToList();
        var attacked = await db.AuditEntries
            .Where(a => a.Action == AuditActions.SignInLockedOut && a.At >= since && a.After != null && a.After.Contains(AuditActions.SeveralAddresses))
            .Select(a => a.ObjectId).Distinct().CountAsync(cancellationToken);
        return new AdminDashboard(inactive, total, rates, unanswered, attacked);
    }
}
