using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// Records a gateway request before it is sent (its intent, with a freshly allocated trace number) and its
/// answer after. Callers add the returned operation to their unit of work and commit before sending.
/// </summary>
public static class GatewayLedger
{
    /// <summary>Allocates the terminal's next trace number for today and adds the request's intent; the caller commits it before sending.</summary>
    public static async Task<Result<GatewayOperation>> RecordIntentAsync(
        PosLinkDbContext db, GatewayEndpoint endpoint, Terminal terminal, Guarantee? guarantee, long? amountFen, Actor actor, DateTimeOffset now,
        int? holdActionNumber = null, CancellationToken cancellationToken = default)
    {
        var tradeDate = ChinaTime.TradeDate(now);
        var trace = await TraceNumbers.NextAsync(db, terminal.Id, tradeDate, cancellationToken);
        if (!trace.Succeeded)
        {
            return trace.Problem;
        }
        return Add(db, endpoint, terminal, tradeDate, trace.Value, guarantee, amountFen, actor, now, holdActionNumber);
    }

    /// <summary>Adds to <paramref name="db"/> the intent of a request under a trace number already allocated for it on <paramref name="tradeDate"/>.</summary>
    public static GatewayOperation Add(
        PosLinkDbContext db, GatewayEndpoint endpoint, Terminal terminal, DateOnly tradeDate, string systemTraceNum, Guarantee? guarantee, long? amountFen,
        Actor actor, DateTimeOffset now, int? holdActionNumber)
    {
        var operation = new GatewayOperation
        {
            Endpoint = endpoint,
            TerminalId = terminal.Id,
            TradeDate = tradeDate,
            SystemTraceNum = systemTraceNum,
            Guarantee = guarantee,
            GuaranteeId = guarantee is { Id: > 0 } ? guarantee.Id : null,
            AmountFen = amountFen,
            HoldActionNumber = holdActionNumber,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            CreatedAt = now,
        };
        db.GatewayOperations.Add(operation);
        return operation;
    }

    /// <summary>
    /// Records an intent that nothing else rides with (a query, an activation) and commits it at once, so that it
    /// is in the ledger before the request leaves.
    /// </summary>
    public static async Task<Result<GatewayOperation>> CommitIntentAsync(
        PosLinkDbContext db, GatewayEndpoint endpoint, Terminal terminal, Guarantee? guarantee, Actor actor, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recorded = await RecordIntentAsync(db, endpoint, terminal, guarantee, null, actor, now, guarantee?.ActionNumber, cancellationToken);
        if (recorded.Succeeded)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return recorded;
    }

    /// <summary>Writes what came back onto the operation, and returns how to treat it.</summary>
    public static OperationOutcome RecordAnswer<TResponse>(GatewayOperation operation, GatewayResult<TResponse> result, DateTimeOffset now)
        where TResponse : Gateway.Messages.GatewayResponse => result switch
        {
            Answered<TResponse> answered => operation.Answered(answered.Exchange, answered.Category, answered.Response.ErrCode, answered.Response.ErrInfo, now),
            Unanswered<TResponse> unanswered => operation.Unanswered(unanswered.Exchange, unanswered.Reason, unanswered.Detail, now),
            _ => throw new InvalidOperationException($"Unexpected gateway result {result.GetType().Name}."),
        };
}
