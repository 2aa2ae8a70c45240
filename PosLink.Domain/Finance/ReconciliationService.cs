using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;

namespace PosLink.Domain.Finance;

/// <summary>
/// Reconciles a settlement date with the gateway: asks it (one status query per hold, each recorded in the ledger
/// before it is sent) about every hold completed or voided that day, and records each disagreement as a
/// <see cref="SettlementDifference"/>. A check never changes a hold: only a person's re-sync does
/// (<see cref="ResyncAsync"/>), from a fresh answer.
/// </summary>
public sealed partial class ReconciliationService(
    IDbContextFactory<PosLinkDbContext> contexts,
    IPosLinkGateway gateway,
    IGuaranteeChanges changes,
    TimeProvider time,
    ILogger<ReconciliationService> logger)
{
    /// <summary>A run unfinished for this long was left by a process that stopped: it no longer blocks a new one.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    private enum Checked { Agreed, Apart, NotChecked }

    /// <summary>Checks every hold completed or voided on <paramref name="settlementDate"/> (China calendar) against the gateway.</summary>
    public async Task<Result<RunRow>> RunAsync(Actor actor, DateOnly settlementDate, int maxConcurrent = 4, CancellationToken cancellationToken = default)
    {
        if (!actor.CanReconcile)
        {
            return FinanceProblems.OnlyFinance;
        }
        if (settlementDate > ChinaTime.TradeDate(time.GetUtcNow()))
        {
            return FinanceProblems.FutureDate(settlementDate);
        }
        var claimed = await ClaimAsync(actor, settlementDate, cancellationToken);
        if (!claimed.Succeeded)
        {
            return claimed.Problem;
        }
        var runId = claimed.Value;
        var (agreed, apart, failed, withoutOrderId) = (0, 0, 0, 0);
        List<long> ids = [];
        try
        {
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                // The day's completions and voids, and every hold a person settled (or the platform contradicted after it
                // was settled) that no check has agreed with yet, whatever its settlement date.
                var settled = db.Guarantees.Where(g => (g.SettlementDate == settlementDate && (g.Status == GuaranteeStatus.Completed || g.Status == GuaranteeStatus.Voided)) ||
                                                       (g.CheckAgainstGateway && (g.Status == GuaranteeStatus.Completed || g.Status == GuaranteeStatus.Voided || g.Status == GuaranteeStatus.Failed)));
                ids = await settled.Where(g => g.OrderId != null).OrderBy(g => g.Id).Select(g => g.Id).ToListAsync(cancellationToken);
                // Without the gateway's order id a settled hold can only be asked about by trace number, which the platform answers only on its trade day.
                withoutOrderId = await settled.CountAsync(g => g.OrderId == null, cancellationToken);
            }
            // A few queries in flight at once, as the sweeps do: each hold is its own unit of work.
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxConcurrent), CancellationToken = cancellationToken }, async (id, _) =>
            {
                switch (await CheckAsync(actor, runId, settlementDate, id))
                {
                    case Checked.Agreed:
                        Interlocked.Increment(ref agreed);
                        break;
                    case Checked.Apart:
                        Interlocked.Increment(ref apart);
                        break;
                    default:
                        Interlocked.Increment(ref failed);
                        break;
                }
            });
        }
        finally
        {
            // Stopped half-way (a shutdown): the holds not asked about count as not checked, and the day is not clean.
            var asked = agreed + apart + failed;
            await FinishAsync(actor, runId, asked, agreed, apart, failed + withoutOrderId + (ids.Count - asked));
        }
        LogRun(settlementDate, ids.Count, agreed, apart, failed + withoutOrderId);
        await using var read = await contexts.CreateDbContextAsync(CancellationToken.None);
        return await read.ReconciliationRuns.Where(r => r.Id == runId).Select(ReconciliationProjections.Run).SingleAsync(CancellationToken.None);
    }

    /// <summary>Takes the date's run slot (one unfinished run per date, by a unique index), first releasing a run left behind by a stopped process.</summary>
    private async Task<Result<long>> ClaimAsync(Actor actor, DateOnly date, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var running = await db.ReconciliationRuns.Where(r => r.SettlementDate == date && r.FinishedAt == null).ToListAsync(cancellationToken);
        foreach (var run in running)
        {
            if (now - run.StartedAt < AbandonedAfter)
            {
                return FinanceProblems.AlreadyRunning(date, run.StartedByName);
            }
            run.Abandon(now);
        }
        await db.SaveChangesAsync(cancellationToken);
        var claim = new ReconciliationRun { SettlementDate = date, StartedAt = now, StartedByName = actor.Name };
        db.ReconciliationRuns.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another process claimed it between our look and our insert.
            return FinanceProblems.AlreadyRunning(date, null);
        }
        return claim.Id;
    }

    /// <summary>Asks the gateway about one settled hold and records whether it agrees; the hold itself is not changed.</summary>
    private async Task<Checked> CheckAsync(Actor actor, long runId, DateOnly date, long guaranteeId)
    {
        var now = time.GetUtcNow();
        GatewayOperation operation;
        QueryRequest request;
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            var hold = await db.Guarantees.Include(g => g.Terminal).ThenInclude(t => t!.Merchant).SingleAsync(g => g.Id == guaranteeId);
            if (!Due(hold, date))
            {
                return Checked.NotChecked;
            }
            var recorded = await GatewayLedger.CommitIntentAsync(db, GatewayEndpoint.Query, hold.Terminal!, hold, actor, now);
            if (!recorded.Succeeded)
            {
                return Checked.NotChecked;
            }
            operation = recorded.Value;
            request = GuaranteeReconciler.QueryFor(hold, operation);
        }

        var result = await gateway.QueryAsync(request, CancellationToken.None);
        await using var answer = await contexts.CreateDbContextAsync(CancellationToken.None);
        var recordedOperation = await answer.GatewayOperations.SingleAsync(o => o.Id == operation.Id);
        GatewayLedger.RecordAnswer(recordedOperation, result, time.GetUtcNow());
        var current = await answer.Guarantees.Include(g => g.Terminal).SingleAsync(g => g.Id == guaranteeId);
        var evidence = GuaranteeReconciler.Evidence(result, byTrace: false, operation.HoldActionNumber ?? current.ActionNumber);
        var verdict = Checked.NotChecked;
        // Something was done to the hold while the gateway was asked (a re-sync): the answer describes the past.
        if (evidence.SentAtAction == current.ActionNumber && Due(current, date))
        {
            var comparison = GatewayComparison.Compare(current, current.Terminal!.MerchantId, evidence);
            var key = DifferenceBook.GatewayKey(guaranteeId);
            var book = new DifferenceBook(answer);
            await book.LoadAsync(date, key);
            await book.LoadAsync(date, LateCompletions.Key(guaranteeId));
            if (comparison is { Usable: true, Finding: { } finding })
            {
                book.Observe(date, DifferenceSource.Gateway, key, finding, now, runId: runId);
                verdict = Checked.Apart;
            }
            else if (comparison.Usable)
            {
                book.Clear(date, key, now);
                // A completion booked on this day after it was checked is now checked too.
                book.Clear(date, LateCompletions.Key(guaranteeId), now);
                current.Reconciled(now);
                verdict = Checked.Agreed;
            }
        }
        try
        {
            await answer.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The hold changed while its agreement was being noted: the next run asks again.
            return Checked.NotChecked;
        }
        return verdict;
    }

    /// <summary>Whether the run for <paramref name="date"/> asks about the hold: settled that day, or waiting for a check whatever its date.</summary>
    private static bool Due(Guarantee hold, DateOnly date) =>
        (hold.SettlementDate == date && hold.Status is GuaranteeStatus.Completed or GuaranteeStatus.Voided) ||
        (hold.CheckAgainstGateway && hold.Status is GuaranteeStatus.Completed or GuaranteeStatus.Voided or GuaranteeStatus.Failed);

    private async Task FinishAsync(Actor actor, long runId, int asked, int agreed, int apart, int notChecked)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var run = await db.ReconciliationRuns.SingleAsync(r => r.Id == runId);
        run.Finish(asked, agreed, apart, notChecked, now);
        if (actor != Actor.System)
        {
            db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.ReconciliationRun, nameof(ReconciliationRun), runId, null,
                new { run.SettlementDate, Checked = asked, Agreed = agreed, Differences = apart, NotChecked = notChecked }, now));
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Reconciled {SettlementDate:yyyy-MM-dd}: {Holds} holds, {Agreed} agreed, {Apart} apart, {NotChecked} not checked")]
    private partial void LogRun(DateOnly settlementDate, int holds, int agreed, int apart, int notChecked);
}
