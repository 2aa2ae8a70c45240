using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Terminals;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// A hold (担保) on a customer's funds, taken on one of our terminals. Amounts are fen. Every state change goes
/// through <see cref="GuaranteeTransitions"/>; <see cref="Version"/> makes two concurrent changes impossible.
/// </summary>
public sealed class Guarantee
{
    public long Id { get; init; }
    public required int TerminalId { get; init; }
    public Terminal? Terminal { get; init; }

    /// <summary>The store the hold belongs to (the terminal's store when taken): what authorization checks.</summary>
    public required int StoreId { get; init; }

    public GuaranteeStatus Status { get; private set; } = GuaranteeStatus.Authorizing;

    /// <summary>Unresolved for too long (or contradicted): a person should look.</summary>
    public bool NeedsAttention { get; set; }
    public string? AttentionReason { get; set; }

    // ---- what was asked ----
    public required long HeldFen { get; init; }
    /// <summary>商户订单号: ours, unique; null for a hold imported from elsewhere.</summary>
    public string? MerchantOrderId { get; init; }
    public string? MerchantRemark { get; init; }
    public string? AttachedData { get; init; }
    /// <summary>How the code was presented; unknown (null) for an imported hold.</summary>
    public PayMode? PayMode { get; init; }

    /// <summary>Only ever the masked code (first 4, last 4): the full code lives in memory for one request.</summary>
    public required string PayCodeMasked { get; init; }

    // ---- what the gateway said about the hold ----
    /// <summary>The hold's own system trace number and China trade date: the originals a completion cites.</summary>
    public string? SystemTraceNum { get; set; }
    public DateOnly? TradeDate { get; set; }
    public string? OrderId { get; set; }
    public string? AuthorizationCode { get; set; }
    public string? RetrievalRefNum { get; set; }
    public DateTimeOffset? AuthorizedAt { get; set; }
    public long? PaidFen { get; set; }
    public long? ActualTransactionFen { get; set; }
    public long MerchantDiscountFen { get; set; }
    public long OtherDiscountFen { get; set; }
    public string? DiscountInstruction { get; set; }
    public string? ThirdPartyName { get; set; }

    /// <summary>Brought in by order id (taken elsewhere): finalized with the quick endpoints.</summary>
    public bool Imported { get; init; }

    // ---- finalization ----
    /// <summary>The amount of the completion in flight or done.</summary>
    public long? CompletedFen { get; set; }
    public DateTimeOffset? FinalizedAt { get; set; }
    public DateOnly? SettlementDate { get; set; }
    public string? FinalRetrievalRefNum { get; set; }
    public string? FinalizedByUserId { get; set; }
    public string? FinalizedByName { get; set; }

    /// <summary>The last refusal, kept with the hold so the page can say why (errCode and errInfo).</summary>
    public string? LastErrCode { get; set; }
    public string? LastErrInfo { get; set; }

    // ---- bookkeeping ----
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedByUserId { get; init; }
    public required string CreatedByName { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Held, and its lifetime ends within the warning window: set by the daily expiry-warning job.</summary>
    public bool ExpiringSoon { get; set; }

    /// <summary>When the current in-flight state began (null when not in flight).</summary>
    public DateTimeOffset? InFlightSince { get; private set; }

    /// <summary>When the reconciler should next query this hold (null: nothing due).</summary>
    public DateTimeOffset? NextCheckAt { get; set; }
    public int CheckAttempts { get; set; }
    public DateTimeOffset? LastCheckedAt { get; set; }

    /// <summary>When a person last asked to query it: manual refreshes are throttled so that scripted clicks cannot burn trace numbers.</summary>
    public DateTimeOffset? RefreshRequestedAt { get; private set; }

    /// <summary>Optimistic concurrency token: every saved change bumps it, so of two racing changes one fails.</summary>
    public long Version { get; private set; }

    /// <summary>Whether a completion or void can cite the original hold (otherwise: quick, by orderId).</summary>
    public bool OriginalsKnown => AuthorizationCode is not null && TradeDate is not null && SystemTraceNum is not null;

    /// <summary>Moves the hold by the table; false (and no change) when the pair is not allowed.</summary>
    public bool Apply(GuaranteeEvent on, DateTimeOffset now)
    {
        if (!GuaranteeTransitions.TryNext(Status, on, out var next))
        {
            return false;
        }
        var wasInFlight = Status.IsInFlight();
        Status = next;
        if (!next.IsInFlight())
        {
            InFlightSince = null;
            NextCheckAt = null;
            CheckAttempts = 0;
        }
        else if (!wasInFlight || on is GuaranteeEvent.BeginComplete or GuaranteeEvent.BeginVoid)
        {
            InFlightSince = now;
        }
        Touch(now);
        return true;
    }

    /// <summary>Starts the clock on a request just recorded for a new hold (which begins in <see cref="GuaranteeStatus.Authorizing"/>).</summary>
    public void StartAuthorizing(DateTimeOffset now)
    {
        InFlightSince = now;
        UpdatedAt = now;
    }

    /// <summary>Marks a change to be saved under a new version.</summary>
    public void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
