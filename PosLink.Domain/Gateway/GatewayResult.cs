using PosLink.Domain.Gateway.Messages;

namespace PosLink.Domain.Gateway;

/// <summary>Why a request got no usable answer. Every one of them means the outcome is unknown.</summary>
public enum UnansweredReason
{
    /// <summary>No answer within <see cref="GatewayOptions.TimeoutSeconds"/>.</summary>
    Timeout,

    /// <summary>The connection could not be made (refused, unreachable, name not resolved).</summary>
    ConnectionFailed,

    /// <summary>The connection broke after the request may have left.</summary>
    ConnectionReset,

    /// <summary>HTTP 5xx.</summary>
    ServerError,

    /// <summary>Another non-success HTTP status.</summary>
    UnexpectedStatus,

    /// <summary>HTTP success with no body.</summary>
    EmptyBody,

    /// <summary>A body that is not the expected JSON, or has no errCode.</summary>
    MalformedBody,

    /// <summary>The caller gave up waiting; the request may still have reached the gateway.</summary>
    Cancelled,
}

/// <summary>What went over the wire, redacted so it can be stored in the ledger and shown to staff.</summary>
public sealed record GatewayExchange(
    GatewayEndpoint Endpoint,
    string SystemTraceNum,
    string RequestBody,
    string? ResponseBody,
    int? HttpStatus,
    DateTimeOffset SentAt,
    TimeSpan Elapsed);

/// <summary>
/// The outcome of one gateway call: <see cref="Answered{TResponse}"/> or <see cref="Unanswered{TResponse}"/>.
/// Transport failures are values, not exceptions, so a caller cannot forget that "no answer" is "unknown".
/// </summary>
public abstract record GatewayResult<TResponse>(GatewayExchange Exchange)
    where TResponse : GatewayResponse;

/// <summary>The gateway answered; <see cref="Category"/> says what the answer means.</summary>
public sealed record Answered<TResponse>(TResponse Response, ResponseCategory Category, GatewayExchange Exchange)
    : GatewayResult<TResponse>(Exchange)
    where TResponse : GatewayResponse
{
    public bool IsApproved => Category == ResponseCategory.Approved;
}

/// <summary>No usable answer: the operation may or may not have happened.</summary>
public sealed record Unanswered<TResponse>(UnansweredReason Reason, string Detail, GatewayExchange Exchange)
    : GatewayResult<TResponse>(Exchange)
    where TResponse : GatewayResponse;
