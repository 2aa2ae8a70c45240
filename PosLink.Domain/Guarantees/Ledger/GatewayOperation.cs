using PosLink.Domain.Gateway;
using PosLink.Domain.Terminals;
using PosLink.Domain.Text;

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

    public OperationOutcome Outcome { get; private set; } = OperationOutcome.Pending;
    public ResponseCategory? Category { get; private set; }
    public string? ErrCode { get; private set; }
    public string? ErrInfo { get; private set; }
    public UnansweredReason? UnansweredReason { get; private set; }
    public int? HttpStatus { get; private set; }

    /// <summary>The request as sent, with the pay code masked.</summary>
    public string? RequestBody { get; private set; }
    public string? ResponseBody { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; private set; }
    public int? ElapsedMs { get; private set; }

    /// <summary>For an unknown outcome settled later: when, and by what query answer.</summary>
    public DateTimeOffset? SettledAt { get; private set; }
    public string? SettledNote { get; private set; }

    /// <summary>The gateway answered: what it said, and how that is to be treated (only 00 approves; the unknown codes settle nothing).</summary>
    public OperationOutcome Answered(GatewayExchange exchange, ResponseCategory category, string? errCode, string? errInfo, DateTimeOffset now)
    {
        var outcome = category switch
        {
            ResponseCategory.Approved => OperationOutcome.Approved,
            ResponseCategory.Unknown => OperationOutcome.Unknown,
            _ => OperationOutcome.Declined,
        };
        Record(exchange, outcome, now);
        (Category, ErrCode, ErrInfo) = (category, errCode, Shorten(errInfo));
        return outcome;
    }

    /// <summary>No usable answer came: the outcome is unknown until a query settles it.</summary>
    public OperationOutcome Unanswered(GatewayExchange exchange, UnansweredReason reason, string detail, DateTimeOffset now)
    {
        Record(exchange, OperationOutcome.Unknown, now);
        (UnansweredReason, ErrInfo) = (reason, Shorten(detail));
        return OperationOutcome.Unknown;
    }

    /// <summary>Still pending long after any answer could come: the process that sent it stopped. Unknown, settled by a query.</summary>
    public void Abandoned()
    {
        Outcome = OperationOutcome.Unknown;
        ErrInfo = new Phrase("ErrInfo.Abandoned").Store();
    }

    /// <summary>An unknown outcome that the hold's state now settles (a query's answer, or a person).</summary>
    public void Settle(Phrase note, DateTimeOffset now)
    {
        Outcome = OperationOutcome.Settled;
        SettledAt = now;
        SettledNote = note.Store(200);
    }

    /// <summary>The stored texts rewritten in their current form (<see cref="Text.LegacyTexts"/>).</summary>
    internal void RestoreTexts(string? errInfo, string? settledNote) => (ErrInfo, SettledNote) = (errInfo, settledNote);

    private void Record(GatewayExchange exchange, OperationOutcome outcome, DateTimeOffset now)
    {
        Outcome = outcome;
        RequestBody = exchange.RequestBody;
        ResponseBody = exchange.ResponseBody;
        HttpStatus = exchange.HttpStatus;
        AnsweredAt = now;
        ElapsedMs = (int)Math.Min(int.MaxValue, exchange.Elapsed.TotalMilliseconds);
    }

    /// <summary>What the ledger keeps of a text: its first 200 characters.</summary>
    private static string? Shorten(string? text) => text is null || text.Length <= 200 ? text : text[..200];
}
