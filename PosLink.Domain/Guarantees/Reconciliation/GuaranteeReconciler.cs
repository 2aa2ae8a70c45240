using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Text;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// Checks holds with the gateway: queries each (with a trace number of its own, and the hold's action number noted)
/// and hands the answer to the hold as evidence of the moment it was sent (<see cref="Guarantee.Settle"/>). The
/// requests the answer settles are marked so in the ledger. Never resends a request: an unknown outcome is only
/// ever settled by a query. A person's check of one hold and a sweep's batch go through the same code
/// (<see cref="CheckManyAsync(Actor, IReadOnlyList{long}, SemaphoreSlim, CancellationToken)"/>), so the rules that judge an answer live in one place. <see cref="GuaranteeSweeps"/>
/// decides which holds to check.
/// </summary>
public sealed partial class GuaranteeReconciler(
    IDbContextFactory<PosLinkDbContext> contexts,
    IPosLinkGateway gateway,
    IGuaranteeChanges changes,
    TimeProvider time,
    GuaranteeTiming timing,
    ILogger<GuaranteeReconciler> logger)
{
    /// <summary>Queries one hold now and applies the answer: a batch of one.</summary>
    public async Task<Result<GuaranteeOutcome>> CheckAsync(Actor actor, long guaranteeId, CancellationToken cancellationToken = default)
    {
        var check = (await CheckManyAsync(actor, [guaranteeId], 1, cancellationToken)).Single();
        if (check.Failure is { } failure)
        {
            LogCheckFailed(failure, guaranteeId);
            return GuaranteeProblems.CheckFailed;
        }
        return check.Result!.Value;
    }

    /// <summary>A query on its way: the hold it asks about, its operation in the ledger, and the request.</summary>
    private sealed record SentQuery(long GuaranteeId, long OperationId, QueryRequest Request)
    {
        /// <summary>Asked by trace number (no orderId yet): the answer must match what the hold sent before its ids are adopted.</summary>
        public bool ByTrace => Request.OriginalOrderId is null;
    }

    /// <summary>
    /// What a check of <paramref name="guarantee"/> answers without asking the gateway, or null when a query is due.
    /// <paramref name="awaitingOwnAnswer"/>: its own request may still be answered, and a query now could see the
    /// hold before the platform acts, so the answer (or the request given up as abandoned) is waited for instead.
    /// </summary>
    private static Result<GuaranteeOutcome>? WithoutQuery(Actor actor, Guarantee? guarantee, bool awaitingOwnAnswer)
    {
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
        if (guarantee.Status.IsInFlight() && awaitingOwnAnswer)
        {
            return guarantee.Outcome(OutcomeKind.Pending, GuaranteeProblems.StillUnknown);
        }
        if (guarantee.OrderId is null && guarantee.SystemTraceNum is null)
        {
            throw new InvalidOperationException($"Guarantee {guarantee.Id} has neither orderId nor trace number to query by.");
        }
        return null;
    }

    /// <summary>The holds among <paramref name="guaranteeIds"/> whose own request was sent within the answer window and is not answered yet.</summary>
    private IQueryable<long> AwaitingOwnAnswer(PosLinkDbContext db, IReadOnlyCollection<long> guaranteeIds, DateTimeOffset now)
    {
        var answerCutoff = now - timing.AnswerWindow;
        return OwnRequests(db, guaranteeIds)
            .Where(o => o.Outcome == OperationOutcome.Pending && o.CreatedAt >= answerCutoff)
            .Select(o => o.GuaranteeId!.Value);
    }

    /// <summary>One query's answer applied to its hold (tracked, not yet saved): the hold as it was, and the verdict.</summary>
    private sealed record Applied(Guarantee Guarantee, GatewayOperation Query, (GuaranteeStatus Status, bool NeedsAttention) Before, QueryVerdict Verdict);

    /// <summary>
    /// Records the answer on the query's operation and hands it to the hold as evidence of the moment it was sent;
    /// <paramref name="requests"/> are the hold's own requests (<see cref="OwnRequests"/>). The caller saves.
    /// </summary>
    private Applied Apply(Guarantee guarantee, GatewayOperation query, GatewayResult<QueryResponse> result, bool byTrace, IReadOnlyCollection<GatewayOperation> requests, DateTimeOffset now)
    {
        GatewayLedger.RecordAnswer(query, result, now);
        var before = (guarantee.Status, guarantee.NeedsAttention);
        var evidence = Evidence(result, byTrace, query.HoldActionNumber ?? guarantee.ActionNumber);
        return new Applied(guarantee, query, before, Settle(guarantee, evidence, query.Id, requests, now));
    }

    /// <summary>After a save: pages showing the hold hear of a change, and the log has the check.</summary>
    private GuaranteeOutcome Announce(Applied applied)
    {
        var guarantee = applied.Guarantee;
        if ((guarantee.Status, guarantee.NeedsAttention) != applied.Before)
        {
            changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
        }
        LogChecked(guarantee.Id, applied.Query.SystemTraceNum, applied.Before.Status, guarantee.Status, applied.Verdict);
        return guarantee.Status.IsInFlight() ? guarantee.Outcome(OutcomeKind.Pending, GuaranteeProblems.StillUnknown) : guarantee.Outcome(OutcomeKind.Approved);
    }

    /// <summary>
    /// The status query about a hold (loaded with its terminal and merchant), under the trace number of
    /// <paramref name="operation"/>: by <paramref name="orderId"/> when given (a person checking the order id they read
    /// off the platform), else by the hold's orderId when we have it (the platform prefers it), else by its own trace number.
    /// </summary>
    internal static QueryRequest QueryFor(Guarantee guarantee, GatewayOperation operation, string? orderId = null)
    {
        var byOrderId = orderId ?? guarantee.OrderId;
        return new QueryRequest
        {
            MerchantCode = guarantee.Terminal!.Merchant!.MerchantCode,
            TerminalCode = guarantee.Terminal.TerminalCode,
            SystemTraceNum = operation.SystemTraceNum,
            OriginalOrderId = byOrderId,
            OriginalSystemTraceNum = byOrderId is null ? guarantee.SystemTraceNum : null,
        };
    }

    /// <summary>A query result as the hold's evidence.</summary>
    public static QueryEvidence Evidence(GatewayResult<QueryResponse> result, bool byTrace, int sentAtAction) => result switch
    {
        Answered<QueryResponse> answered => new QueryEvidence(answered.Response, answered.Category, byTrace, sentAtAction, answered.Exchange.SentAt),
        _ => new QueryEvidence(null, null, byTrace, sentAtAction, result.Exchange.SentAt),
    };

    /// <summary>The requests sent about these holds other than their status queries by orderId: their own (take, complete, void) and any by trace number.</summary>
    internal static IQueryable<GatewayOperation> OwnRequests(PosLinkDbContext db, IReadOnlyCollection<long> guaranteeIds) =>
        db.GatewayOperations.Where(o => o.GuaranteeId != null && guaranteeIds.Contains(o.GuaranteeId.Value) && o.Endpoint != GatewayEndpoint.Query);

    /// <summary>
    /// Hands the evidence to a tracked hold in <paramref name="db"/>, and settles in the ledger the requests its new
    /// state settles (it left flight, or went back to held). The caller saves.
    /// </summary>
    internal async Task<QueryVerdict> SettleAsync(PosLinkDbContext db, Guarantee guarantee, QueryEvidence evidence, long queryOperationId, DateTimeOffset now) =>
        Settle(guarantee, evidence, queryOperationId, await OwnRequests(db, [guarantee.Id]).ToListAsync(), now);

    private QueryVerdict Settle(Guarantee guarantee, QueryEvidence evidence, long queryOperationId, IReadOnlyCollection<GatewayOperation> requests, DateTimeOffset now)
    {
        // The request the hold is in flight for is its latest own one (a query by trace number moves nothing).
        var inFlight = guarantee.Status.IsInFlight()
            ? requests.Where(o => o.Endpoint != GatewayEndpoint.QueryBySystemTraceNum).MaxBy(o => o.Id)
            : null;
        var before = guarantee.Status;
        var verdict = guarantee.Settle(evidence, timing.Context(now, guarantee.CheckAttempts, inFlight));
        if (verdict == QueryVerdict.Moved && before.IsInFlight() && !guarantee.Status.IsInFlight())
        {
            var note = evidence.Status is { } secure ? new Phrase("Settled.ByQuery", GuaranteeStatuses.FromQuery(secure)) : new Phrase("Settled.NotFound");
            SettleOpen(requests.Where(o => o.Id != queryOperationId), note, now);
        }
        return verdict;
    }

    /// <summary>The money-moving requests of the hold that were waiting for an answer are settled by its state now.</summary>
    internal static async Task SettleOpenRequestsAsync(PosLinkDbContext db, long guaranteeId, Phrase note, DateTimeOffset now) =>
        SettleOpen(await OwnRequests(db, [guaranteeId]).ToListAsync(), note, now);

    private static void SettleOpen(IEnumerable<GatewayOperation> requests, Phrase note, DateTimeOffset now)
    {
        foreach (var operation in requests.Where(o => o.Outcome is OperationOutcome.Unknown or OperationOutcome.Pending))
        {
            operation.Settle(note, now);
        }
    }

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Guarantee {GuaranteeId}: query trace {SystemTraceNum}, {Before} -> {After} ({Verdict})")]
    private partial void LogChecked(long guaranteeId, string systemTraceNum, GuaranteeStatus before, GuaranteeStatus after, QueryVerdict verdict);

    [LoggerMessage(EventId = 24, Level = LogLevel.Error, Message = "Guarantee {GuaranteeId} could not be checked")]
    private partial void LogCheckFailed(Exception exception, long guaranteeId);
}
