using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Staff;
using PosLink.Domain.Text;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

public sealed partial class Guarantee
{
    /// <summary>Begins a completion of <paramref name="amountFen"/> (more than zero, at most the held amount): the hold is Completing until an answer or a query says otherwise.</summary>
    public Problem? BeginComplete(long amountFen, Actor actor, DateTimeOffset now, DateTimeOffset checkAt)
    {
        if (CanFinalize(amountFen, now) is { } refused)
        {
            return refused;
        }
        Begin(GuaranteeEvent.BeginComplete, actor, now, checkAt);
        (CompletedFen, CompletedFenEstimated) = (amountFen, false);
        return null;
    }

    /// <summary>Begins a void of the whole held amount.</summary>
    public Problem? BeginVoid(Actor actor, DateTimeOffset now, DateTimeOffset checkAt)
    {
        if (CanFinalize(completeFen: null, now) is { } refused)
        {
            return refused;
        }
        Begin(GuaranteeEvent.BeginVoid, actor, now, checkAt);
        CompletedFen = null;
        return null;
    }

    private void Begin(GuaranteeEvent on, Actor actor, DateTimeOffset now, DateTimeOffset checkAt)
    {
        Move(on, now);
        InFlightSince = now;
        ActionNumber++;
        HeldSeenAt = null;
        FinalizedByUserId = actor.UserId;
        FinalizedByName = actor.Name;
        NextCheckAt = checkAt;
    }

    /// <summary>
    /// The answer to the hold's own request (<paramref name="request"/>, whose outcome is already recorded). Approved
    /// moves it on, a refusal puts it back (or declines a new hold), anything else leaves it in flight for a query
    /// at <paramref name="firstCheck"/> from now. An answer the hold cannot follow is flagged for a person, never dropped.
    /// </summary>
    public GuaranteeOutcome Answered(GatewayOperation request, GatewayResponse? response, DateTimeOffset now, TimeSpan firstCheck)
    {
        if (response is PreauthorizeResponse preauthorized)
        {
            // The hold's identity counts even from an answer that proves nothing yet (autoQueryFlag Y); its amounts only from a 00.
            AdoptPreauthorize(preauthorized, request.CreatedAt, request.Outcome == OperationOutcome.Approved);
        }
        switch (request.Outcome)
        {
            case OperationOutcome.Approved:
                var approved = ApprovedEvent(request.Endpoint);
                if (CanMove(approved))
                {
                    if (response is FinalizeAuthorizationResponse finalized)
                    {
                        AdoptFinalize(finalized, request.CreatedAt, now);
                    }
                    ConfirmedHeld |= approved == GuaranteeEvent.AuthorizeApproved;
                    (LastErrCode, LastErrInfo) = (null, null);
                    Move(approved, now);
                    return Outcome(OutcomeKind.Approved);
                }
                if (Status == FinalOf(approved))
                {
                    // A query settled it first with the same verdict; the answer still brings the platform's dates.
                    if (response is FinalizeAuthorizationResponse late && SettlementDateEstimated)
                    {
                        AdoptFinalize(late, request.CreatedAt, now);
                        Touch(now);
                    }
                    return Outcome(OutcomeKind.Approved);
                }
                // The platform did what we asked, but the hold was settled otherwise meanwhile (a person's confirmation):
                // a person must look, and reconciliation asks the gateway about it whatever its settlement date.
                FlagAttention(new Phrase("Attention.ApprovedWhile", request.Endpoint, request.SystemTraceNum, Status), now);
                CheckAgainstGateway |= Status.IsFinal();
                return Outcome(Status.IsInFlight() ? OutcomeKind.Pending : OutcomeKind.Approved);

            case OperationOutcome.Declined:
                var declined = DeclinedEvent(request.Endpoint);
                (LastErrCode, LastErrInfo) = (request.ErrCode, request.ErrInfo);
                var reason = GuaranteeProblems.Declined(request.ErrCode, request.ErrInfo);
                if (CanMove(declined))
                {
                    Move(declined, now);
                    if (Status == GuaranteeStatus.Held)
                    {
                        ForgetFinalization();
                    }
                    return Outcome(OutcomeKind.Declined, reason);
                }
                FlagAttention(new Phrase("Attention.RefusedWhile", request.Endpoint, request.ErrCode, Status), now);
                return Outcome(OutcomeKind.Declined, reason);

            default:
                if (Status.IsInFlight())
                {
                    NextCheckAt = now + firstCheck;
                    CheckAttempts = 0;
                    Touch(now);
                }
                return Outcome(OutcomeKind.Pending, GuaranteeProblems.StillUnknown);
        }
    }

    /// <summary>Where the hold stands now, for the page that asked.</summary>
    public GuaranteeOutcome Outcome(OutcomeKind kind, Problem? reason = null) => new(Id, Status, kind, reason);

    /// <summary>What the hold's state says by itself: settled, refused, or still waiting.</summary>
    public GuaranteeOutcome CurrentOutcome() => Status switch
    {
        _ when Status.IsInFlight() => Outcome(OutcomeKind.Pending, GuaranteeProblems.StillUnknown),
        GuaranteeStatus.Declined or GuaranteeStatus.Failed => Outcome(OutcomeKind.Declined, LastErrCode is null ? null : GuaranteeProblems.Declined(LastErrCode, LastErrInfo)),
        _ => Outcome(OutcomeKind.Approved),
    };

    private bool CanMove(GuaranteeEvent on) => GuaranteeTransitions.TryNext(Status, on, out _);

    private static GuaranteeEvent ApprovedEvent(GatewayEndpoint endpoint) => endpoint switch
    {
        GatewayEndpoint.Preauthorize => GuaranteeEvent.AuthorizeApproved,
        GatewayEndpoint.CompleteAuthorization or GatewayEndpoint.QuickCompleteAuthorization => GuaranteeEvent.CompleteApproved,
        GatewayEndpoint.VoidAuthorization or GatewayEndpoint.QuickVoidAuthorization => GuaranteeEvent.VoidApproved,
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "not a request about a hold"),
    };

    private static GuaranteeEvent DeclinedEvent(GatewayEndpoint endpoint) => ApprovedEvent(endpoint) switch
    {
        GuaranteeEvent.AuthorizeApproved => GuaranteeEvent.AuthorizeDeclined,
        GuaranteeEvent.CompleteApproved => GuaranteeEvent.CompleteDeclined,
        _ => GuaranteeEvent.VoidDeclined,
    };

    private static GuaranteeStatus FinalOf(GuaranteeEvent approved) => approved switch
    {
        GuaranteeEvent.AuthorizeApproved => GuaranteeStatus.Held,
        GuaranteeEvent.CompleteApproved => GuaranteeStatus.Completed,
        _ => GuaranteeStatus.Voided,
    };

    /// <summary>A completion or void that did not happen: the hold is as it was.</summary>
    private void ForgetFinalization()
    {
        CompletedFen = null;
        FinalizedByUserId = null;
        FinalizedByName = null;
        HeldSeenAt = null;
    }

    /// <summary>
    /// The identity and amounts a 担保 answer carries. Dates come without a year and are resolved against the request
    /// time. The discounts count as the hold's own only from an approval.
    /// </summary>
    private void AdoptPreauthorize(PreauthorizeResponse r, DateTimeOffset sentAt, bool approved)
    {
        OrderId = r.OrderId ?? OrderId;
        AuthorizationCode = r.AuthorizationCode ?? AuthorizationCode;
        RetrievalRefNum = r.RetrievalRefNum ?? RetrievalRefNum;
        if (ChinaTime.TryResolveMonthDay(r.TransactionDate, sentAt, out var date))
        {
            // The platform's trade date, which a completion must cite, wins over ours.
            TradeDate = date;
            if (ChinaTime.TryCombine(date, r.TransactionTime, out var at))
            {
                AuthorizedAt = at;
            }
        }
        ReportedPaidFen = r.Amount ?? ReportedPaidFen;
        ActualTransactionFen = r.ActualTransactionAmount ?? ActualTransactionFen;
        AdoptDiscounts(r.ThirdPartyMerchantDiscountAmount, r.ThirdPartyOtherDiscountAmount, known: approved);
        DiscountInstruction = r.ThirdPartyDiscountInstruction ?? r.MarketingAllianceDiscountInstruction ?? DiscountInstruction;
        ThirdPartyName = r.ThirdPartyName ?? ThirdPartyName;
    }

    /// <summary>Takes an answer's discounts unless the hold already has its own; <paramref name="known"/>: these are the hold's own from now on.</summary>
    private void AdoptDiscounts(long? merchant, long? other, bool known)
    {
        if (DiscountsKnown)
        {
            return;
        }
        MerchantDiscountFen = merchant ?? MerchantDiscountFen;
        OtherDiscountFen = other ?? OtherDiscountFen;
        DiscountsKnown = known;
    }

    /// <summary>A completion's or void's answer: when it happened and the platform's settlement date.</summary>
    private void AdoptFinalize(FinalizeAuthorizationResponse r, DateTimeOffset sentAt, DateTimeOffset now)
    {
        FinalizedAt = now;
        if (ChinaTime.TryResolveMonthDay(r.TransactionDate, sentAt, out var date) && ChinaTime.TryCombine(date, r.TransactionTime, out var at))
        {
            FinalizedAt = at;
        }
        if (ChinaTime.TryResolveMonthDay(r.SettlementDate, sentAt, out var settlement))
        {
            SettlementDate = settlement;
            SettlementDateEstimated = false;
        }
        FinalRetrievalRefNum = r.RetrievalRefNum ?? FinalRetrievalRefNum;
        ThirdPartyName = r switch
        {
            CompleteAuthorizationResponse c => c.ThirdPartyName,
            VoidAuthorizationResponse v => v.ThirdPartyName,
            QuickVoidAuthorizationResponse q => q.ThirdPartyName,
            _ => null,
        } ?? ThirdPartyName;
    }
}
