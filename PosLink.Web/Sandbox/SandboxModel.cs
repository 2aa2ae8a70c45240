using PosLink.Domain.Gateway.Messages;

namespace PosLink.Web.Sandbox;

/// <summary>A terminal the sandbox has activated.</summary>
public sealed class SandboxTerminal
{
    public required string MerchantCode { get; init; }
    public required string TerminalCode { get; init; }
    public DateTimeOffset ActivatedAt { get; set; }
}

/// <summary>A system trace number the sandbox has seen: unique per merchant+terminal within a China trade day.</summary>
public sealed class SandboxTrace
{
    public required string MerchantCode { get; init; }
    public required string TerminalCode { get; init; }
    public required DateOnly TradeDate { get; init; }
    public required string SystemTraceNum { get; init; }
    public required string Path { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>A hold as the platform keeps it.</summary>
public sealed class SandboxHold
{
    public long Id { get; init; }
    public required string OrderId { get; init; }
    public required string MerchantCode { get; init; }
    public required string TerminalCode { get; init; }
    public required string SystemTraceNum { get; init; }
    public required DateOnly TradeDate { get; init; }
    public required DateTimeOffset AuthorizedAt { get; init; }
    public required string AuthorizationCode { get; init; }
    public required string RetrievalRefNum { get; init; }
    public string? MerchantOrderId { get; init; }
    public string? MerchantRemark { get; init; }
    public required string PayMode { get; init; }
    public required string PayCodeMasked { get; init; }
    public required string ThirdPartyName { get; init; }
    public required SandboxScript Script { get; init; }
    public long TransactionAmount { get; init; }
    public long MerchantDiscountAmount { get; init; }
    public long OtherDiscountAmount { get; init; }
    public long PaidAmount => TransactionAmount - MerchantDiscountAmount - OtherDiscountAmount;

    /// <summary>What the customer has paid so far (用户实际支付金额): after a completion, its amount less the discounts; before, what the hold would take.</summary>
    public long PaidNow => Status == SecureStatus.Completed && CompletedAmount is { } completed
        ? Math.Max(0, completed - MerchantDiscountAmount - OtherDiscountAmount)
        : PaidAmount;

    public SecureStatus Status { get; set; }

    /// <summary>While set and in the future, the customer has not paid yet (scripts 0077/0078).</summary>
    public DateTimeOffset? BuyerPaysAt { get; set; }

    /// <summary>While set and in the future, a completion is still settling (script 0093).</summary>
    public DateTimeOffset? CompletionSettlesAt { get; set; }
    public long? CompletedAmount { get; set; }

    /// <summary>A completion the platform carries out only at this time, after the client has given up waiting (script 0091).</summary>
    public DateTimeOffset? LateCompletionAt { get; set; }
}

/// <summary>An approved business transaction (hold, completion, void), found again by its trace number.</summary>
public sealed class SandboxTransaction
{
    public long Id { get; init; }
    public required string MerchantCode { get; init; }
    public required string TerminalCode { get; init; }
    public required DateOnly TradeDate { get; init; }
    public required string SystemTraceNum { get; init; }
    public required string DealType { get; init; }
    public required long HoldId { get; init; }
    public SandboxHold? Hold { get; init; }
    public long Amount { get; init; }
    public required string RetrievalRefNum { get; init; }
    public DateTimeOffset At { get; init; }
}
