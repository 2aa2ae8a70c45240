using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Domain.Text;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// A hold (担保) on a customer's funds, taken on one of our terminals. Amounts are fen. The hold's rules live here:
/// services orchestrate (authorize, record the request, send it) and hand every answer to the hold, which moves
/// through <see cref="GuaranteeTransitions"/> or says why it does not. <see cref="Version"/> makes two concurrent
/// changes impossible; <see cref="ActionNumber"/> tells a query's answer whether it is still about the present.
/// </summary>
public sealed partial class Guarantee
{
    // For EF Core; holds are made by Take and Import.
    private Guarantee()
    {
    }

    public long Id { get; private set; }
    public int TerminalId { get; private set; }
    public Terminal? Terminal { get; private set; }

    /// <summary>The store the hold belongs to (the terminal's store when taken): what authorization checks.</summary>
    public int StoreId { get; private set; }

    public GuaranteeStatus Status { get; private set; } = GuaranteeStatus.Authorizing;

    /// <summary>Unresolved for too long, contradicted, or unprovable: a person should look (the needs-attention list).</summary>
    public bool NeedsAttention { get; private set; }
    public string? AttentionReason { get; private set; }

    // ---- what was asked ----
    public long HeldFen { get; private set; }
    /// <summary>商户订单号: ours, unique; null for a hold imported from elsewhere.</summary>
    public string? MerchantOrderId { get; private set; }
    public string? MerchantRemark { get; private set; }
    public string? AttachedData { get; private set; }
    /// <summary>How the code was presented; unknown (null) for an imported hold.</summary>
    public PayMode? PayMode { get; private set; }

    /// <summary>Only ever the masked code (first 4, last 4): the full code lives in memory for one request.</summary>
    public string PayCodeMasked { get; private set; } = "";

    // ---- what the gateway said about the hold ----
    /// <summary>The hold's own system trace number and China trade date (the platform's, once it told): the originals a completion cites.</summary>
    public string? SystemTraceNum { get; private set; }
    public DateOnly? TradeDate { get; private set; }
    public string? OrderId { get; private set; }
    public string? AuthorizationCode { get; private set; }
    public string? RetrievalRefNum { get; private set; }
    public DateTimeOffset? AuthorizedAt { get; private set; }
    /// <summary>
    /// 实际支付金额 as an answer last reported it: evidence for a person, not a figure. What the customer paid is
    /// <see cref="HoldFigures.PaidFen"/>, defined from the completion (DESIGN §9).
    /// </summary>
    public long? ReportedPaidFen { get; private set; }

    /// <summary>营销联盟优惠后交易金额 as an answer last reported it: evidence, like <see cref="ReportedPaidFen"/>.</summary>
    public long? ActualTransactionFen { get; private set; }
    public long MerchantDiscountFen { get; private set; }
    public long OtherDiscountFen { get; private set; }

    /// <summary>
    /// The discounts came from an answer about the hold itself (its 担保's 00, or the first query that found it): a later
    /// query's figures are compared by reconciliation, never adopted (query amounts are evidence, not truth).
    /// </summary>
    public bool DiscountsKnown { get; private set; }
    public string? DiscountInstruction { get; private set; }
    public string? ThirdPartyName { get; private set; }

    /// <summary>The platform said, without doubt, that the funds were held (a 00, or a query's 担保中).</summary>
    public bool ConfirmedHeld { get; private set; }

    /// <summary>
    /// Settled by a person, or contradicted by the platform after it was settled: reconciliation asks the gateway about
    /// it whatever its settlement date, until an answer agrees (or finance accepts the difference).
    /// </summary>
    public bool CheckAgainstGateway { get; private set; }

    /// <summary>Brought in by order id or trace (taken elsewhere): finalized with the quick endpoints.</summary>
    public bool Imported { get; private set; }

    // ---- finalization ----
    /// <summary>
    /// The amount of the completion in flight or done; only a Completing or Completed hold has one. The completed
    /// figure itself is <see cref="HoldFigures.CompletedFen"/>.
    /// </summary>
    public long? CompletedFen { get; private set; }

    /// <summary>
    /// The completed amount is the platform's as a query reported it (a completion made elsewhere, or re-synced), not
    /// the answer to our own completion: an estimate until a statement row confirms it.
    /// </summary>
    public bool CompletedFenEstimated { get; private set; }
    public DateTimeOffset? FinalizedAt { get; private set; }
    public DateOnly? SettlementDate { get; private set; }

    /// <summary>The settlement date is our estimate (the completion's trade date), not the platform's: no answer or statement gave it yet.</summary>
    public bool SettlementDateEstimated { get; private set; }
    public string? FinalRetrievalRefNum { get; private set; }
    public string? FinalizedByUserId { get; private set; }
    public string? FinalizedByName { get; private set; }

    /// <summary>The last refusal, kept with the hold so the page can say why (errCode and errInfo).</summary>
    public string? LastErrCode { get; private set; }
    public string? LastErrInfo { get; private set; }

    // ---- bookkeeping ----
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>The hold this one rolled over (a deposit outliving a hold's lifetime): voided once this one is held.</summary>
    public long? RolledOverFromId { get; private set; }

    /// <summary>The deposit this hold belongs to: the id of its first hold (set on every hold of a rolled-over deposit).</summary>
    public long? DepositId { get; private set; }

    /// <summary>Held, and its lifetime ends within the warning window: set by the daily expiry-warning sweep.</summary>
    public bool ExpiringSoon { get; private set; }

    /// <summary>When the current in-flight state began (null when not in flight).</summary>
    public DateTimeOffset? InFlightSince { get; private set; }

    /// <summary>
    /// How many money-moving requests were begun on the hold (the 担保 itself, a completion, a void). A query records
    /// it when sent; its answer is applied only if it is still the same (DESIGN §8: evidence of the moment it was sent).
    /// </summary>
    public int ActionNumber { get; private set; }

    /// <summary>
    /// When the earliest query sent after the answer window that said "still held" for a completion or void in flight was
    /// sent (the two-query rule pairs it with another sent at least the first backoff apart).
    /// </summary>
    public DateTimeOffset? HeldSeenAt { get; private set; }

    /// <summary>When the earliest query sent after the answer window that said "not found" for a hold being authorized was sent.</summary>
    public DateTimeOffset? NotFoundSince { get; private set; }

    /// <summary>When the reconciler should next query this hold (null: nothing due).</summary>
    public DateTimeOffset? NextCheckAt { get; private set; }
    public int CheckAttempts { get; private set; }
    public DateTimeOffset? LastCheckedAt { get; private set; }

    /// <summary>When a person last asked to query it: manual refreshes are throttled so that scripted clicks cannot burn trace numbers.</summary>
    public DateTimeOffset? RefreshRequestedAt { get; private set; }

    /// <summary>Optimistic concurrency token: every saved change bumps it, so of two racing changes one fails.</summary>
    public long Version { get; private set; }

    /// <summary>Whether a completion or void can cite the original hold (otherwise: quick, by orderId).</summary>
    public bool OriginalsKnown => AuthorizationCode is not null && TradeDate is not null && SystemTraceNum is not null;

    /// <summary>Completion and void go by orderId (quick endpoints) for imported holds and when the originals are unknown.</summary>
    public bool UsesQuickEndpoints => Imported || !OriginalsKnown;

    /// <summary>Whether a completion or void could name the hold to the platform at all: its originals, or its orderId for the quick endpoints.</summary>
    public bool CanBeCited => UsesQuickEndpoints ? OrderId is not null : OriginalsKnown;

    /// <summary>A new hold, about to be asked for: in flight from now, its 担保 the first action on it.</summary>
    public static Guarantee Take(Terminal terminal, TakeHold command, string merchantOrderId, Actor actor, DateTimeOffset now, int lifetimeDays, Guarantee? rollsOver = null) => new()
    {
        RolledOverFromId = rollsOver?.Id,
        DepositId = rollsOver is null ? null : rollsOver.DepositId ?? rollsOver.Id,
        TerminalId = terminal.Id,
        StoreId = terminal.StoreId,
        HeldFen = command.AmountFen,
        MerchantOrderId = merchantOrderId,
        MerchantRemark = command.MerchantRemark,
        AttachedData = command.AttachedData,
        PayMode = command.PayMode,
        PayCodeMasked = Gateway.PayCodeMask.Mask(command.PayCode),
        CreatedAt = now,
        CreatedByUserId = actor.UserId,
        CreatedByName = actor.Name,
        UpdatedAt = now,
        ExpiresAt = now.AddDays(lifetimeDays),
        InFlightSince = now,
        ActionNumber = 1,
    };

    /// <summary>The trace number and trade date of the hold's own 担保, as recorded before it is sent.</summary>
    public void Cites(GatewayOperation request)
    {
        SystemTraceNum = request.SystemTraceNum;
        TradeDate = request.TradeDate;
    }

    /// <summary>Whether a take on this terminal, for this amount, by this member, is this hold's form submitted again.</summary>
    public bool IsTheSameRequestAs(int terminalId, long amountFen, string userId) =>
        TerminalId == terminalId && HeldFen == amountFen && CreatedByUserId == userId;

    /// <summary>Schedules the next status query.</summary>
    public void CheckAt(DateTimeOffset at, DateTimeOffset now)
    {
        NextCheckAt = at;
        Touch(now);
    }

    /// <summary>A query could not be made or settled nothing: try again later, and ask a person after <paramref name="attentionAfter"/> in flight.</summary>
    public void BackOff(TimeSpan wait, TimeSpan attentionAfter, DateTimeOffset now)
    {
        CheckAttempts++;
        NextCheckAt = now + wait;
        if (InFlightSince is { } since && now - since >= attentionAfter && !NeedsAttention)
        {
            FlagAttention(new Phrase("Attention.Unresolved", (int)Math.Round(attentionAfter.TotalHours)), now);
        }
        Touch(now);
    }

    /// <summary>Something a person must look at: it shows on the needs-attention list with <paramref name="reason"/>, stored as a phrase (key and arguments), read in each reader's language.</summary>
    public void FlagAttention(Phrase reason, DateTimeOffset now)
    {
        NeedsAttention = true;
        AttentionReason = reason.Store(200);
        Touch(now);
    }

    /// <summary>The stored texts rewritten in their current form (<see cref="Text.LegacyTexts"/>); nothing else about the hold changes.</summary>
    internal void RestoreTexts(string? attentionReason, string? lastErrInfo) => (AttentionReason, LastErrInfo) = (attentionReason, lastErrInfo);

    public void ClearAttention(DateTimeOffset now)
    {
        NeedsAttention = false;
        AttentionReason = null;
        Touch(now);
    }

    /// <summary>Marks a change to be saved under a new version.</summary>
    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Moves the hold by the table. Callers decide first whether the move is right; an illegal pair here is a bug.</summary>
    private void Move(GuaranteeEvent on, DateTimeOffset now)
    {
        if (!GuaranteeTransitions.TryNext(Status, on, out var next))
        {
            throw new InvalidOperationException($"Guarantee {Id}: {on} is not allowed from {Status}.");
        }
        var wasInFlight = Status.IsInFlight();
        Status = next;
        if (next is not (GuaranteeStatus.Completing or GuaranteeStatus.Completed))
        {
            // Only a completion in flight or done has an amount: a hold that ended otherwise captured nothing (DESIGN §9).
            CompletedFen = null;
            CompletedFenEstimated = false;
        }
        if (!next.IsInFlight())
        {
            InFlightSince = null;
            NextCheckAt = null;
            CheckAttempts = 0;
            HeldSeenAt = null;
            NotFoundSince = null;
        }
        else if (!wasInFlight)
        {
            InFlightSince = now;
        }
        Touch(now);
    }
}
