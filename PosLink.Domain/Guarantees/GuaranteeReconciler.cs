using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Guarantees;

/// <summary>What one reconciliation pass did, for the job's summary line.</summary>
public sealed record ReconcileSummary(int AbandonedOperations, int Checked, int Settled, int StillUnknown, int NeedingAttention);

/// <summary>
/// Settles every hold whose outcome is unknown, by status query, never by resending: in-flight holds whose
/// check is due (on a backoff of about 5 s, 30 s, 1 min, 5 min, then every 15 min), and operations left
/// Pending by a process that stopped between recording and answer. It also syncs held holds (a completion or
/// void made elsewhere, an expiry). Each query has a trace number of its own.
/// </summary>
public sealed partial class GuaranteeReconciler(
    IDbContextFactory<PosLinkDbContext> contexts,
    IPosLinkGateway gateway,
    IGuaranteeChanges changes,
    TimeProvider time,
    IOptionsMonitor<GuaranteeOptions> options,
    IOptionsMonitor<GatewayOptions> gatewayOptions,
    ILogger<GuaranteeReconciler> logger)
{
    /// <summary>One pass over due work: abandoned operations first, then up to <paramref name="batchSize"/> due holds.</summary>
    public async Task<ReconcileSummary> SettleDueAsync(int batchSize = 100, int maxConcurrency = 4, CancellationToken cancellationToken = default)
    {
        var abandoned = await MarkAbandonedAsync(cancellationToken);
        var now = time.GetUtcNow();
        List<long> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Guarantees
                .Where(g => (g.Status == GuaranteeStatus.Authorizing || g.Status == GuaranteeStatus.Completing || g.Status == GuaranteeStatus.Voiding)
                            && g.NextCheckAt != null && g.NextCheckAt <= now)
                .OrderBy(g => g.NextCheckAt)
                .Select(g => g.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
        }
        var results = await CheckManyAsync(due, maxConcurrency, cancellationToken);
        var settled = results.Count(r => r is { Succeeded: true, Value.Status: var s } && !s.IsInFlight());
        var stillUnknown = results.Count(r => r is { Succeeded: true, Value.Kind: OutcomeKind.Pending });
        await using var count = await contexts.CreateDbContextAsync(cancellationToken);
        var needing = await count.Guarantees.CountAsync(g => g.NeedsAttention && (g.Status == GuaranteeStatus.Authorizing || g.Status == GuaranteeStatus.Completing || g.Status == GuaranteeStatus.Voiding), cancellationToken);
        return new ReconcileSummary(abandoned, due.Count, settled, stillUnknown, needing);
    }

    /// <summary>Queries held holds not checked within <paramref name="olderThan"/>: catches completions, voids and expiries made elsewhere.</summary>
    public async Task<int> SyncHeldAsync(TimeSpan olderThan, int batchSize = 500, int maxConcurrency = 4, CancellationToken cancellationToken = default)
    {
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
        await CheckManyAsync(held, maxConcurrency, cancellationToken);
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

    private async Task<List<Result<GuaranteeOutcome>>> CheckManyAsync(IReadOnlyList<long> ids, int maxConcurrency, CancellationToken cancellationToken)
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<Result<GuaranteeOutcome>>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxConcurrency), CancellationToken = cancellationToken },
            async (id, ct) => results.Add(await CheckAsync(Actor.System, id, ct)));
        return [.. results];
    }

    /// <summary>
    /// Operations still Pending long after any answer could come belong to a process that stopped mid-request.
    /// They become Unknown, and their holds are checked now.
    /// </summary>
    private async Task<int> MarkAbandonedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddSeconds(-(gatewayOptions.CurrentValue.TimeoutSeconds + options.CurrentValue.AbandonedAfterExtraSeconds));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var abandoned = await db.GatewayOperations.Include(o => o.Guarantee)
            .Where(o => o.Outcome == OperationOutcome.Pending && o.CreatedAt < cutoff)
            .ToListAsync(cancellationToken);
        foreach (var operation in abandoned)
        {
            operation.Outcome = OperationOutcome.Unknown;
            operation.ErrInfo = "未记录到应答（进程在发送后停止），以查询结果为准 (no answer recorded: the process stopped after sending)";
            if (operation.Guarantee is { } g && g.Status.IsInFlight() && (g.NextCheckAt is null || g.NextCheckAt > now))
            {
                g.NextCheckAt = now;
                g.Touch(now);
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

    /// <summary>Queries one hold now (with a new trace number) and applies the answer.</summary>
    public async Task<Result<GuaranteeOutcome>> CheckAsync(Actor actor, long guaranteeId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        Guarantee guarantee;
        GatewayOperation operation;
        QueryRequest request;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            guarantee = (await db.Guarantees.Include(g => g.Terminal).ThenInclude(t => t!.Merchant)
                .SingleOrDefaultAsync(g => g.Id == guaranteeId, cancellationToken))!;
            if (guarantee is null || !actor.CanSee(guarantee.StoreId))
            {
                return GuaranteeProblems.NotFound;
            }
            if (!actor.CanActIn(guarantee.StoreId))
            {
                return GuaranteeProblems.FinanceCannotAct;
            }
            if (guarantee.Status.IsFinal())
            {
                return new GuaranteeOutcome(guarantee.Id, guarantee.Status, OutcomeKind.Approved);
            }
            // While a completion or void may still be answered, a query could see the hold before the platform acts:
            // wait for the answer (or for it to be given up as abandoned) instead.
            var answerCutoff = now - AnswerWindow();
            if (guarantee.Status.IsInFlight() && await db.GatewayOperations.AnyAsync(o => o.GuaranteeId == guaranteeId &&
                    o.Outcome == OperationOutcome.Pending && o.Endpoint != GatewayEndpoint.Query && o.CreatedAt >= answerCutoff, cancellationToken))
            {
                return new GuaranteeOutcome(guarantee.Id, guarantee.Status, OutcomeKind.Pending, GuaranteeProblems.StillUnknown);
            }
            if (guarantee.OrderId is null && guarantee.SystemTraceNum is null)
            {
                throw new InvalidOperationException($"Guarantee {guarantee.Id} has neither orderId nor trace number to query by.");
            }
            var recorded = await GatewayLedger.CommitIntentAsync(db, GatewayEndpoint.Query, guarantee.Terminal!, guarantee, actor, now, cancellationToken);
            if (!recorded.Succeeded)
            {
                return recorded.Problem!;
            }
            operation = recorded.Value!;
            request = new QueryRequest
            {
                MerchantCode = guarantee.Terminal!.Merchant!.MerchantCode,
                TerminalCode = guarantee.Terminal.TerminalCode,
                SystemTraceNum = operation.SystemTraceNum,
                // The orderId when we have it (the platform prefers it); else the hold's own trace number.
                OriginalOrderId = guarantee.OrderId,
                OriginalSystemTraceNum = guarantee.OrderId is null ? guarantee.SystemTraceNum : null,
            };
        }

        var result = await gateway.QueryAsync(request, CancellationToken.None);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyQueryAsync(actor, guaranteeId, operation.Id, result);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // The hold changed meanwhile (an answer arrived): apply the query to the current version.
            }
        }
    }

    private async Task<GuaranteeOutcome> ApplyQueryAsync(Actor actor, long guaranteeId, long operationId, GatewayResult<QueryResponse> result)
    {
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var guarantee = await db.Guarantees.SingleAsync(g => g.Id == guaranteeId);
        var operation = await db.GatewayOperations.SingleAsync(o => o.Id == operationId);
        GatewayLedger.RecordAnswer(operation, result, now);
        guarantee.LastCheckedAt = now;
        var before = guarantee.Status;

        if (result is Answered<QueryResponse> { Response: { Found: true, AsksForQuery: false, Guarantee: { } secure } response } answered)
        {
            GuaranteeAnswers.ApplyQuery(guarantee, response, answered.Exchange.SentAt);
            var on = GuaranteeEvents.FromQuery(secure);
            // Past its lifetime, "held" or "voided" both mean nothing else happened: it expired.
            if (guarantee.Status == GuaranteeStatus.Held && now >= guarantee.ExpiresAt && secure is SecureStatus.Held or SecureStatus.Voided)
            {
                on = GuaranteeEvent.Expire;
            }
            if (guarantee.Apply(on, now))
            {
                AfterQueryMoved(guarantee, before, secure);
                if (!guarantee.Status.IsInFlight())
                {
                    await SettleOpenOperationsAsync(db, guarantee, operationId, $"查询结果 secureStatus {(int)secure}", now);
                }
            }
        }
        else if (result is Answered<QueryResponse> { Response.Found: false } notFound && guarantee.Status == GuaranteeStatus.Authorizing
                 && notFound.Response.ErrCode == "25" && now - guarantee.InFlightSince >= AnswerWindow())
        {
            // Long after any answer could have come, the platform has no such transaction: nothing was held.
            guarantee.Apply(GuaranteeEvent.QueryFailed, now);
            guarantee.LastErrCode = notFound.Response.ErrCode;
            guarantee.LastErrInfo = "网关查无此交易 (the gateway has no such transaction)";
            await SettleOpenOperationsAsync(db, guarantee, operationId, "查询：网关查无此交易", now);
        }

        if (guarantee.Status.IsInFlight())
        {
            Backoff(guarantee, settings, now);
        }
        else
        {
            guarantee.Touch(now);
        }
        if (actor != Actor.System)
        {
            // A person asked: the trail shows who refreshed, and what the gateway's answer changed.
            db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.GuaranteeRefresh, nameof(Guarantee), guarantee.Id,
                new { Status = before }, new { guarantee.Status, operation.ErrCode, operation.SystemTraceNum }, now));
        }
        await db.SaveChangesAsync(CancellationToken.None);
        if (guarantee.Status != before)
        {
            changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
        }
        LogChecked(guaranteeId, operation.SystemTraceNum, before, guarantee.Status);
        var kind = guarantee.Status.IsInFlight() ? OutcomeKind.Pending : OutcomeKind.Approved;
        return new GuaranteeOutcome(guarantee.Id, guarantee.Status, kind, kind == OutcomeKind.Pending ? GuaranteeProblems.StillUnknown : null);
    }

    private void AfterQueryMoved(Guarantee guarantee, GuaranteeStatus before, SecureStatus secure)
    {
        if (guarantee.Status is GuaranteeStatus.Completed or GuaranteeStatus.Voided)
        {
            guarantee.FinalizedAt ??= time.GetUtcNow();
        }
        if (guarantee.Status == GuaranteeStatus.Held && before is GuaranteeStatus.Completing or GuaranteeStatus.Voiding)
        {
            // The completion or void never happened: the hold is as it was.
            guarantee.CompletedFen = null;
            guarantee.FinalizedByUserId = null;
            guarantee.FinalizedByName = null;
        }
        if (secure == SecureStatus.Failed)
        {
            guarantee.LastErrInfo = "交易失败 (the platform reports the hold failed)";
        }
        if (!guarantee.Status.IsInFlight())
        {
            guarantee.NeedsAttention = false;
        }
    }

    /// <summary>The money-moving operations of the hold that were waiting for an answer are settled by this query.</summary>
    private static async Task SettleOpenOperationsAsync(PosLinkDbContext db, Guarantee guarantee, long queryOperationId, string note, DateTimeOffset now)
    {
        var open = await db.GatewayOperations
            .Where(o => o.GuaranteeId == guarantee.Id && o.Id != queryOperationId && o.Endpoint != GatewayEndpoint.Query &&
                        (o.Outcome == OperationOutcome.Unknown || o.Outcome == OperationOutcome.Pending))
            .ToListAsync();
        foreach (var operation in open)
        {
            operation.Outcome = OperationOutcome.Settled;
            operation.SettledAt = now;
            operation.SettledNote = note;
        }
    }

    private void Backoff(Guarantee guarantee, GuaranteeOptions settings, DateTimeOffset now)
    {
        guarantee.CheckAttempts++;
        guarantee.NextCheckAt = now + settings.Backoff(guarantee.CheckAttempts);
        if (guarantee.InFlightSince is { } since && now - since >= TimeSpan.FromHours(settings.AttentionAfterHours) && !guarantee.NeedsAttention)
        {
            guarantee.NeedsAttention = true;
            guarantee.AttentionReason = $"超过{settings.AttentionAfterHours}小时仍无最终结果 (unresolved for over {settings.AttentionAfterHours} hours)";
            LogNeedsAttention(guarantee.Id, settings.AttentionAfterHours);
        }
        guarantee.Touch(now);
    }

    private TimeSpan AnswerWindow() =>
        TimeSpan.FromSeconds(gatewayOptions.CurrentValue.TimeoutSeconds + options.CurrentValue.AbandonedAfterExtraSeconds);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "{Count} gateway operations were left pending by a stopped process; their holds are queried now")]
    private partial void LogAbandoned(int count);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Guarantee {GuaranteeId}: query trace {SystemTraceNum}, {Before} -> {After}")]
    private partial void LogChecked(long guaranteeId, string systemTraceNum, GuaranteeStatus before, GuaranteeStatus after);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Guarantee {GuaranteeId} unresolved for over {Hours} hours: flagged for attention")]
    private partial void LogNeedsAttention(long guaranteeId, int hours);
}
