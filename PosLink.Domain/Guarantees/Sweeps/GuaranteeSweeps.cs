using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosLink.Domain.Persistence;
using PosLink.Domain.Text;

namespace PosLink.Domain.Guarantees;

/// <summary>What one reconciliation pass did, for the job's summary line.</summary>
public sealed record ReconcileSummary(int AbandonedOperations, int Checked, int Settled, int StillUnknown, int NeedingAttention, int Failed = 0);

/// <summary>What a sweep of several batches did: the passes' sums, the last count of holds needing attention, and how many passes ran.</summary>
public sealed record SweepSummary(int AbandonedOperations, int Checked, int Settled, int NeedingAttention, int Batches);

/// <summary>
/// Which holds to check, and when: in-flight holds whose check is due (on a backoff of about 5 s, 30 s, 1 min,
/// 5 min, then every 15 min), operations left Pending by a process that stopped between recording and answer,
/// held holds not checked for a while (a completion or void made elsewhere, an expiry), and the expiry flags.
/// Each batch is checked by <see cref="GuaranteeReconciler.CheckManyAsync(Staff.Actor, IReadOnlyList{long}, SemaphoreSlim, CancellationToken)"/>; a hold that fails to check is flagged
/// and pushed back, and the rest of the batch goes on.
/// </summary>
public sealed partial class GuaranteeSweeps(
    IDbContextFactory<PosLinkDbContext> contexts,
    GuaranteeReconciler reconciler,
    TimeProvider time,
    GuaranteeTiming timing,
    ILogger<GuaranteeSweeps> logger)
{
    /// <summary>How long a hold that could not be checked waits before the next try.</summary>
    public static readonly TimeSpan AfterFailure = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Batches of due holds until one comes back short or <paramref name="maxBatches"/> have run, as the status-sweep
    /// job runs them. Two batches are under way at once and share <paramref name="maxConcurrency"/> calls in flight:
    /// while one records its queries or applies its answers (database work, nothing out), the other's queries take
    /// every lane, so the platform is never left idle between batches and never pressed with more calls than the
    /// setting allows. Each batch is still claimed whole by one pass, so no hold is queried twice.
    /// </summary>
    public async Task<SweepSummary> SweepAsync(int batchSize, int maxBatches, int maxConcurrency, Action<int>? batchChecked = null, CancellationToken cancellationToken = default)
    {
        using var lanes = new SemaphoreSlim(Math.Max(1, maxConcurrency));
        // The two passes claim in turn: claiming together, both would pick the same due holds, and on PostgreSQL the
        // second, re-checking them, would pass over all of them and end the sweep with a short batch.
        using var claims = new SemaphoreSlim(1);
        var totals = new Lock();
        int started = 0, abandoned = 0, checkedHolds = 0, settled = 0, attention = 0, batches = 0;
        var more = true;
        async Task PassesAsync()
        {
            while (Volatile.Read(ref more) && !cancellationToken.IsCancellationRequested && Interlocked.Increment(ref started) <= maxBatches)
            {
                var pass = await SettleDueAsync(batchSize, lanes, claims, cancellationToken);
                lock (totals)
                {
                    (abandoned, checkedHolds, settled, attention, batches) =
                        (abandoned + pass.AbandonedOperations, checkedHolds + pass.Checked, settled + pass.Settled, pass.NeedingAttention, batches + 1);
                }
                batchChecked?.Invoke(pass.Checked);
                if (pass.Checked < batchSize)
                {
                    // A short batch: nothing more is due; the other pass ends with its own batch.
                    Volatile.Write(ref more, false);
                }
            }
        }
        await Task.WhenAll(PassesAsync(), PassesAsync());
        return new SweepSummary(abandoned, checkedHolds, settled, attention, batches);
    }

    /// <summary>One pass over due work: abandoned operations first, then up to <paramref name="batchSize"/> due holds.</summary>
    public async Task<ReconcileSummary> SettleDueAsync(int batchSize = 100, int maxConcurrency = 16, CancellationToken cancellationToken = default)
    {
        using var lanes = new SemaphoreSlim(Math.Max(1, maxConcurrency));
        using var claims = new SemaphoreSlim(1);
        return await SettleDueAsync(batchSize, lanes, claims, cancellationToken);
    }

    /// <summary>One pass, its queries sent through <paramref name="lanes"/> and its claim made under <paramref name="claims"/> (both shared with the sweep's other pass).</summary>
    private async Task<ReconcileSummary> SettleDueAsync(int batchSize, SemaphoreSlim lanes, SemaphoreSlim claims, CancellationToken cancellationToken)
    {
        // No one waits on a sweep: on SQLite a person's completion goes before its saves.
        LedgerWrites.InBackground();
        var abandoned = await MarkAbandonedAsync(cancellationToken);
        List<long> due;
        await claims.WaitAsync(cancellationToken);
        try
        {
            due = await ClaimDueAsync(batchSize, cancellationToken);
        }
        finally
        {
            claims.Release();
        }
        var results = await CheckManyAsync(due, lanes, cancellationToken);
        var settled = results.Count(r => r is { Succeeded: true, Value.Status: var s } && !s.IsInFlight());
        var stillUnknown = results.Count(r => r is { Succeeded: true, Value.Kind: OutcomeKind.Pending });
        await using var count = await contexts.CreateDbContextAsync(cancellationToken);
        var needing = await count.Guarantees.CountAsync(g => g.NeedsAttention && GuaranteeStatuses.InFlight.Contains(g.Status), cancellationToken);
        return new ReconcileSummary(abandoned, due.Count, settled, stillUnknown, needing, results.Count(r => r is null));
    }

    /// <summary>Takes up to <paramref name="batchSize"/> due in-flight holds for this sweep, oldest due first; no other sweep gets them this tick.</summary>
    private async Task<List<long>> ClaimDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Claimed past the answer window: a claimer that dies leaves its holds due again once that has passed.
        return await DueHoldClaims.ClaimAsync(db, now, now + timing.AnswerWindow, batchSize, cancellationToken);
    }

    /// <summary>Queries held holds not checked within <paramref name="olderThan"/>: catches completions, voids and expiries made elsewhere.</summary>
    public async Task<int> SyncHeldAsync(TimeSpan olderThan, int batchSize = 500, int maxConcurrency = 16, CancellationToken cancellationToken = default)
    {
        LedgerWrites.InBackground();
        var cutoff = time.GetUtcNow() - olderThan;
        List<long> held;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            held = await db.Guarantees
                .Where(g => g.Status == GuaranteeStatus.Held && (g.LastCheckedAt == null || g.LastCheckedAt < cutoff))
                .OrderBy(g => g.LastCheckedAt).ThenBy(g => g.Id)
                .Select(g => g.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
        }
        using var lanes = new SemaphoreSlim(Math.Max(1, maxConcurrency));
        await CheckManyAsync(held, lanes, cancellationToken);
        return held.Count;
    }

    /// <summary>
    /// Flags held holds whose lifetime ends within <paramref name="within"/>, and unflags the rest, so that the
    /// dashboards can show them; returns how many are flagged now.
    /// </summary>
    public async Task<int> MarkExpiringSoonAsync(TimeSpan within, CancellationToken cancellationToken = default)
    {
        var until = time.GetUtcNow() + within;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Guarantees.Where(g => g.ExpiringSoon && (g.Status != GuaranteeStatus.Held || g.ExpiresAt > until))
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.ExpiringSoon, false), cancellationToken);
        await db.Guarantees.Where(g => !g.ExpiringSoon && g.Status == GuaranteeStatus.Held && g.ExpiresAt <= until)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.ExpiringSoon, true), cancellationToken);
        return await db.Guarantees.CountAsync(g => g.ExpiringSoon, cancellationToken);
    }

    /// <summary>Checks the holds as one batch; a hold whose check fails gives a null result and is flagged, the others go on.</summary>
    private async Task<List<Common.Result<GuaranteeOutcome>?>> CheckManyAsync(List<long> ids, SemaphoreSlim lanes, CancellationToken cancellationToken)
    {
        var results = new List<Common.Result<GuaranteeOutcome>?>(ids.Count);
        foreach (var check in await reconciler.CheckManyAsync(Staff.Actor.System, ids, lanes, cancellationToken))
        {
            if (check.Failure is { } failure)
            {
                LogCheckFailed(failure, check.GuaranteeId);
                await PushBackAsync(check.GuaranteeId, failure);
            }
            results.Add(check.Result);
        }
        return results;
    }

    /// <summary>A hold whose check failed (a broken answer, a constraint it would violate): a person looks, and the sweep moves on.</summary>
    private async Task PushBackAsync(long guaranteeId, Exception failure)
    {
        var now = time.GetUtcNow();
        var reason = new Phrase("Attention.CheckFailed", failure.GetType().Name);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var guarantee = await db.Guarantees.SingleAsync(g => g.Id == guaranteeId);
            guarantee.FlagAttention(reason, now);
            guarantee.CheckAt(now + AfterFailure, now);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            // Even flagging failed (the database is down): the next tick finds the hold due again.
            LogCheckFailed(ex, guaranteeId);
        }
    }

    /// <summary>
    /// Operations still Pending long after any answer could come belong to a process that stopped mid-request.
    /// They become Unknown, and their holds are checked now.
    /// </summary>
    private async Task<int> MarkAbandonedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now - timing.AnswerWindow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var abandoned = await db.GatewayOperations.Include(o => o.Guarantee)
            .Where(o => o.Outcome == OperationOutcome.Pending && o.CreatedAt < cutoff)
            .ToListAsync(cancellationToken);
        foreach (var operation in abandoned)
        {
            operation.Abandoned();
            if (operation.Guarantee is { } g && g.Status.IsInFlight() && (g.NextCheckAt is null || g.NextCheckAt > now))
            {
                g.CheckAt(now, now);
            }
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A hold changed meanwhile; the next pass sees these operations again.
            return 0;
        }
        if (abandoned.Count > 0)
        {
            LogAbandoned(abandoned.Count);
        }
        return abandoned.Count;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "{Count} gateway operations were left pending by a stopped process; their holds are queried now")]
    private partial void LogAbandoned(int count);

    [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "Guarantee {GuaranteeId} could not be checked; flagged for attention and pushed back")]
    private partial void LogCheckFailed(Exception exception, long guaranteeId);
}
