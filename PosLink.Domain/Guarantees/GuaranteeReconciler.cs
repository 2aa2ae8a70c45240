using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// Checks one hold: queries the gateway (with a trace number of its own, and the hold's action number noted) and
/// hands the answer to the hold as evidence of the moment it was sent (<see cref="Guarantee.Settle"/>). The
/// requests the answer settles are marked so in the ledger. Never resends a request: an unknown outcome is only
/// ever settled by a query. <see cref="GuaranteeSweeps"/> decides which holds to check.
/// </summary>
public sealed partial class GuaranteeReconciler(
    IDbContextFactory<PosLinkDbContext> contexts,
    IPosLinkGateway gateway,
    IGuaranteeChanges changes,
    TimeProvider time,
    GuaranteeTiming timing,
    ILogger<GuaranteeReconciler> logger)
{
    /// <summary>Queries one hold now and applies the answer.</summary>
    public async Task<Result<GuaranteeOutcome>> CheckAsync(Actor actor, long guaranteeId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        GatewayOperation operation;
        QueryRequest request;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var guarantee = await db.Guarantees.Include(g => g.Terminal).ThenInclude(t => t!.Merchant)
                .SingleOrDefaultAsync(g => g.Id == guaranteeId, cancellationToken);
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
                return guarantee.CurrentOutcome();
            }
            // While the hold's own request may still be answered, a query could see the hold before the platform
            // acts: wait for the answer (or for the request to be given up as abandoned) instead.
            var answerCutoff = now - timing.AnswerWindow;
            if (guarantee.Status.IsInFlight() && await db.GatewayOperations.AnyAsync(o => o.GuaranteeId == guaranteeId &&
                    o.Outcome == OperationOutcome.Pending && o.Endpoint != GatewayEndpoint.Query && o.CreatedAt >= answerCutoff, cancellationToken))
            {
                return guarantee.Outcome(OutcomeKind.Pending, GuaranteeProblems.StillUnknown);
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
            request = QueryFor(guarantee, operation);
        }

        var result = await gateway.QueryAsync(request, CancellationToken.None);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyAsync(actor, guaranteeId, operation.Id, result, byTrace: request.OriginalOrderId is null);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // The hold changed meanwhile (an answer arrived): apply the query to the current version, which may make it stale.
            }
        }
    }

    private async Task<GuaranteeOutcome> ApplyAsync(Actor actor, long guaranteeId, long operationId, GatewayResult<QueryResponse> result, bool byTrace)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var guarantee = await db.Guarantees.SingleAsync(g => g.Id == guaranteeId);
        var operation = await db.GatewayOperations.SingleAsync(o => o.Id == operationId);
        GatewayLedger.RecordAnswer(operation, result, now);
        var before = (guarantee.Status, guarantee.NeedsAttention);

        var verdict = await SettleAsync(db, guarantee, Evidence(result, byTrace, operation.HoldActionNumber ?? guarantee.ActionNumber), operationId, now);
        if (actor != Actor.System)
        {
            // A person asked: the trail shows who refreshed, and what the gateway's answer changed.
            db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.GuaranteeRefresh, nameof(Guarantee), guarantee.Id,
                new { before.Status }, new { guarantee.Status, operation.ErrCode, operation.SystemTraceNum }, now));
        }
        await db.SaveChangesAsync(CancellationToken.None);
        if ((guarantee.Status, guarantee.NeedsAttention) != before)
        {
            changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
        }
        LogChecked(guaranteeId, operation.SystemTraceNum, before.Status, guarantee.Status, verdict);
        return guarantee.Status.IsInFlight() ? guarantee.Outcome(OutcomeKind.Pending, GuaranteeProblems.StillUnknown) : guarantee.Outcome(OutcomeKind.Approved);
    }

    /// <summary>The status query about a hold (loaded with its terminal and merchant), under the trace number of <paramref name="operation"/>.</summary>
    internal static QueryRequest QueryFor(Guarantee guarantee, GatewayOperation operation) => new()
    {
        MerchantCode = guarantee.Terminal!.Merchant!.MerchantCode,
        TerminalCode = guarantee.Terminal.TerminalCode,
        SystemTraceNum = operation.SystemTraceNum,
        // The orderId when we have it (the platform prefers it); else the hold's own trace number.
        OriginalOrderId = guarantee.OrderId,
        OriginalSystemTraceNum = guarantee.OrderId is null ? guarantee.SystemTraceNum : null,
    };

    /// <summary>A query result as the hold's evidence.</summary>
    public static QueryEvidence Evidence(GatewayResult<QueryResponse> result, bool byTrace, int sentAtAction) => result switch
    {
        Answered<QueryResponse> answered => new QueryEvidence(answered.Response, answered.Category, byTrace, sentAtAction, answered.Exchange.SentAt),
        _ => new QueryEvidence(null, null, byTrace, sentAtAction, result.Exchange.SentAt),
    };

    /// <summary>
    /// Hands the evidence to a tracked hold in <paramref name="db"/>, and settles in the ledger the requests its new
    /// state settles (it left flight, or went back to held). The caller saves.
    /// </summary>
    internal async Task<QueryVerdict> SettleAsync(PosLinkDbContext db, Guarantee guarantee, QueryEvidence evidence, long queryOperationId, DateTimeOffset now)
    {
        var inFlight = guarantee.Status.IsInFlight()
            ? await db.GatewayOperations.Where(o => o.GuaranteeId == guarantee.Id && o.Endpoint != GatewayEndpoint.Query && o.Endpoint != GatewayEndpoint.QueryBySystemTraceNum)
                .OrderByDescending(o => o.Id).FirstOrDefaultAsync()
            : null;
        var before = guarantee.Status;
        var verdict = guarantee.Settle(evidence, timing.Context(now, guarantee.CheckAttempts, inFlight));
        if (verdict == QueryVerdict.Moved && before.IsInFlight() && !guarantee.Status.IsInFlight())
        {
            var note = evidence.Status is { } secure ? $"查询结果 secureStatus {(int)secure}" : "查询：网关查无此交易";
            await SettleOpenRequestsAsync(db, guarantee.Id, queryOperationId, note, now);
        }
        return verdict;
    }

    /// <summary>The money-moving requests of the hold that were waiting for an answer are settled by its state now.</summary>
    internal static async Task SettleOpenRequestsAsync(PosLinkDbContext db, long guaranteeId, long? exceptOperationId, string note, DateTimeOffset now)
    {
        var open = await db.GatewayOperations
            .Where(o => o.GuaranteeId == guaranteeId && o.Id != exceptOperationId && o.Endpoint != GatewayEndpoint.Query &&
                        (o.Outcome == OperationOutcome.Unknown || o.Outcome == OperationOutcome.Pending))
            .ToListAsync();
        foreach (var operation in open)
        {
            operation.Settle(note, now);
        }
    }

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Guarantee {GuaranteeId}: query trace {SystemTraceNum}, {Before} -> {After} ({Verdict})")]
    private partial void LogChecked(long guaranteeId, string systemTraceNum, GuaranteeStatus before, GuaranteeStatus after, QueryVerdict verdict);
}
