using PosLink.Domain.Gateway;
using PosLink.Domain.Terminals;

namespace PosLink.Domain.Guarantees;

/// <summary>Where one gateway request stands.</summary>
public enum OperationOutcome
{
    /// <summary>Recorded, and perhaps sent; no answer applied yet. After a crash it stays so until the reconciler settles it.</summary>
    Pending,
    Approved,

    /// <summary>Answered with a refusal (declined, input or configuration error): nothing happened.</summary>
    Declined,

    /// <summary>No usable answer, or an answer that proves nothing: settled later by a status query.</summary>
    Unknown,

    /// <summary>An unknown outcome that a later query settled.</summary>
    Settled,
}

/// <summary>
/// One row per gateway request, written before the request is sent: the ledger that lets PosLink prove what
/// it asked for, and find every request whose answer never came. Unique on (terminal, trade date, trace).
/// </summary>
public sealed class GatewayOperation
{
    public long Id { get; init; }
    public required GatewayEndpoint Endpoint { get; init; }
    public required int TerminalId { get; init; }
    public Terminal? Terminal { get; init; }
    public required DateOnly TradeDate { get; init; }
    public required string SystemTraceNum { get; init; }
    public long? GuaranteeId { get; init; }
    public Guarantee? Guarantee { get; init; }
    public long? AmountFen { get; init; }

    /// <summary>For a query of a hold: the hold's <see cref="Guarantee.ActionNumber"/> when it was sent (its answer is applied only if still the same).</summary>
    public int? HoldActionNumber { get; init; }
    public required string ActorUserId { get; init; }
    public required string ActorName { get; init; }

    public OperationOutcome Outcome { get; set; } = OperationOutcome.Pending;
    public ResponseCategory? Category { get; set; }
    public string? ErrCode { get; set; }
    public string? ErrInfo { get; set; }
    public UnansweredReason? UnansweredReason { get; set; }
    public int? HttpStatus { get; set; }

    /// <summary>The request as sent, with the pay code masked.</summary>
    public string? RequestBody { get; set; }
    public string? ResponseBody { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public int? ElapsedMs { get; set; }

    /// <summary>For an unknown outcome settled later: when, and by what query answer.</summary>
    public DateTimeOffset? SettledAt { get; set; }
    public string? SettledNote { get; set; }

    /// <summary>An unknown outcome that the hold's state now settles (a query's answer, or a person).</summary>
    public void Settle(string note, DateTimeOffset now)
    {
        Outcome = OperationOutcome.Settled;
        SettledAt = now;
        SettledNote = note.Length <= 200 ? note : note[..200];
    }

    /// <summary>Records the exchange and its outcome.</summary>
    public void Record(GatewayExchange exchange, OperationOutcome outcome, DateTimeOffset now)
    {
        Outcome = outcome;
        RequestBody = exchange.RequestBody;
        ResponseBody = exchange.ResponseBody;
        HttpStatus = exchange.HttpStatus;
        AnsweredAt = now;
        ElapsedMs = (int)Math.Min(int.MaxValue, exchange.Elapsed.TotalMilliseconds);
    }
}
