using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Telemetry;

namespace PosLink.Domain.Guarantees.Bulk;

/// <summary>
/// Works through a bulk run: each queued item is claimed once (queued → sending, atomically, so two runners never
/// both send it), then goes through the hold's own complete or void command, which records its intent before
/// sending and refuses a hold someone else is finalizing. At most <see cref="GuaranteeOptions.BulkMaxInFlight"/>
/// requests are out at once, so a run of 200 never floods the gateway or starves the counters' own clicks.
/// </summary>
public sealed partial class BulkRunner(
    IDbContextFactory<PosLinkDbContext> contexts,
    GuaranteeService guarantees,
    StaffService staff,
    IGuaranteeChanges changes,
    IOptionsMonitor<GuaranteeOptions> options,
    TimeProvider time,
    ILogger<BulkRunner> logger)
{
    /// <summary>A run not finished this long after it started is run again by the sweep (its job or its node died).</summary>
    public static readonly TimeSpan ResumeAfter = TimeSpan.FromMinutes(10);

    public async Task RunAsync(long runId, CancellationToken cancellationToken = default)
    {
        using var span = PosLinkTelemetry.StartAction("bulk run")?.SetTag("poslink.bulk_run_id", runId);
        BulkRun? run;
        List<BulkItem> queued;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            run = await db.BulkRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
            if (run is null || run.FinishedAt is not null)
            {
                return;
            }
            queued = await db.BulkItems.AsNoTracking().Where(i => i.BulkRunId == runId && i.State == BulkItemState.Queued).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        }
        // Rights are read now, not when the run was recorded: a manager moved to another store meanwhile sends nothing there.
        var actor = await staff.ActorForAsync(run.CreatedByUserId, "bulk", cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.CurrentValue.BulkMaxInFlight), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(queued, parallel, async (item, token) =>
        {
            if (await ClaimAsync(item.Id, token))
            {
                // Claimed: the command runs to its end whatever happens to the job, and its answer is always recorded.
                var (state, problem) = await SendAsync(run, actor, item);
                await RecordAsync(item, state, problem);
            }
        });
        await FinishIfDoneAsync(runId);
    }

    /// <summary>Runs again the runs whose job stopped before their end: only their queued items, each claimed once.</summary>
    public async Task<int> ResumeUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow() - ResumeAfter;
        List<long> stalled;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            stalled = await db.BulkRuns.Where(r => r.FinishedAt == null && r.CreatedAt < before).Select(r => r.Id).ToListAsync(cancellationToken);
        }
        foreach (var id in stalled)
        {
            await StopSendingAsync(id, cancellationToken);
            await RunAsync(id, cancellationToken);
        }
        return stalled.Count;
    }

    private async Task<bool> ClaimAsync(long itemId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.BulkItems.Where(i => i.Id == itemId && i.State == BulkItemState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, BulkItemState.Sending), cancellationToken) == 1;
    }

    private async Task<(BulkItemState State, string? Problem)> SendAsync(BulkRun run, Actor? actor, BulkItem item)
    {
        if (actor is null)
        {
            return (BulkItemState.Skipped, BulkProblems.StarterCannotAct.Store());
        }
        var result = run.Kind == BulkKind.Complete
            ? await guarantees.CompleteAsync(actor, item.GuaranteeId, item.AmountFen, run.Id, CancellationToken.None)
            : await guarantees.VoidAsync(actor, item.GuaranteeId, run.Reason, run.Id, CancellationToken.None);
        if (!result.Succeeded)
        {
            // Refused before sending: finalized or being finalized by someone else, or no longer the starter's to act on.
            var why = result.Problem.Code is "not-found" or "forbidden" ? BulkProblems.StarterCannotAct : result.Problem.Message;
            return (BulkItemState.Skipped, why.Store(400));
        }
        return result.Value.Kind switch
        {
            OutcomeKind.Approved => (BulkItemState.Done, null),
            OutcomeKind.Declined => (BulkItemState.Refused, result.Value.Reason?.Message.Store(400)),
            OutcomeKind.AwaitingApproval => (BulkItemState.AwaitingApproval, null),
            _ => (BulkItemState.Waiting, null),
        };
    }

    private async Task RecordAsync(BulkItem item, BulkItemState state, string? problem)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.BulkItems.Where(i => i.Id == item.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.State, state)
            .SetProperty(i => i.Problem, problem)
            .SetProperty(i => i.FinishedAt, now), CancellationToken.None);
        changes.Publish(new GuaranteeChanged(null, item.StoreId, null, BulkRunId: item.BulkRunId));
    }

    /// <summary>
    /// Items a stopped runner left claimed were sent, or were about to be: each hold's own recovery settles it by
    /// query, so the item waits on the hold rather than being sent again.
    /// </summary>
    private async Task StopSendingAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var left = await db.BulkItems.Where(i => i.BulkRunId == runId && i.State == BulkItemState.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, BulkItemState.Waiting), cancellationToken);
        if (left > 0)
        {
            LogLeftSending(runId, left);
        }
    }

    private async Task FinishIfDoneAsync(long runId)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        if (await db.BulkItems.AnyAsync(i => i.BulkRunId == runId && (i.State == BulkItemState.Queued || i.State == BulkItemState.Sending)))
        {
            return;
        }
        if (await db.BulkRuns.Where(r => r.Id == runId && r.FinishedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.FinishedAt, now)) == 1)
        {
            changes.Publish(new GuaranteeChanged(null, 0, null, BulkRunId: runId));
        }
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Bulk run {RunId}: {Count} items were left sending by a runner that stopped; their holds' queries settle them")]
    private partial void LogLeftSending(long runId, int count);
}
