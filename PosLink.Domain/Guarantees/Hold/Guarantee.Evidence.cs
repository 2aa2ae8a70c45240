using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Text;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

/// <summary>A status query's answer as evidence (DESIGN §8): what came back, how it was asked, and when.</summary>
/// <param name="Response">The answer, or null when none came (or none that parses).</param>
/// <param name="Category">How the answer's errCode is to be treated.</param>
/// <param name="ByTrace">Asked by the hold's trace number (its order id was unknown): the answer must prove it is ours.</param>
/// <param name="SentAtAction">The hold's <see cref="Guarantee.ActionNumber"/> when the query was sent.</param>
/// <param name="SentAt">When it was sent: what the answer's dates without a year are resolved against.</param>
public sealed record QueryEvidence(QueryResponse? Response, ResponseCategory? Category, bool ByTrace, int SentAtAction, DateTimeOffset SentAt)
{
    public bool NotFound => Response is { } r && (r.ErrCode == "25" || (r.ErrCode == ResponseCodes.Approved && !r.Found));

    /// <summary>An answer that says where the hold stands: found, approved, not asking for another query, with a status this code knows.</summary>
    public SecureStatus? Status => Response is { Found: true, AsksForQuery: false } r && Category == ResponseCategory.Approved ? r.Guarantee : null;
}

/// <summary>What applying a query's answer did, so the caller can settle the open requests and say so.</summary>
public enum QueryVerdict
{
    /// <summary>Something was begun on the hold after the query was sent: its answer describes the past.</summary>
    Stale,

    /// <summary>The hold was already settled; the answer changes nothing.</summary>
    AlreadyFinal,

    /// <summary>No usable answer (none came, an unknown code, "ask again"): checked again later.</summary>
    Unusable,

    /// <summary>The answer counts, but does not prove enough yet (inside the answer window, or the first of two).</summary>
    Waiting,

    /// <summary>The hold moved to where the answer says; its open requests are settled when it left flight.</summary>
    Moved,

    /// <summary>Unchanged, and nothing to wait for (a held hold still held).</summary>
    Unchanged,

    /// <summary>The answer contradicts what we know or cannot be proven ours: a person must look.</summary>
    NeedsAttention,
}

/// <summary>What the hold needs to judge an answer: the clock, the windows, and the request now in flight (if any).</summary>
public sealed record SettleContext(DateTimeOffset Now, TimeSpan AnswerWindow, TimeSpan FirstBackoff, TimeSpan Backoff, TimeSpan AttentionAfter, GatewayOperation? InFlightRequest);

public sealed partial class Guarantee
{
    /// <summary>A request sent this close to midnight (China) may be dated on the other day by the platform.</summary>
    private static readonly TimeSpan MidnightMargin = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Applies a status query's answer, as evidence of the moment it was sent: not at all if anything was begun on
    /// the hold since; a "still held" or "not found" only once enough time and a second answer prove it; an answer
    /// found by trace number only if it is provably this hold; a contradiction flagged for a person instead of a
    /// final state. Every timing rule reads <see cref="QueryEvidence.SentAt"/>, never when the answer is applied: a
    /// batch applies answers long after it sent them, and the platform may have acted in between.
    /// </summary>
    public QueryVerdict Settle(QueryEvidence evidence, SettleContext context)
    {
        var now = context.Now;
        if (LastCheckedAt is not { } last || evidence.SentAt > last)
        {
            LastCheckedAt = evidence.SentAt;
        }
        if (evidence.SentAtAction != ActionNumber)
        {
            Touch(now);
            return QueryVerdict.Stale;
        }
        if (Status.IsFinal())
        {
            if (evidence.Status is { } theirs && Contradicts(theirs))
            {
                FlagAttention(new Phrase("Attention.PlatformDisagrees", GuaranteeStatuses.FromQuery(theirs), Status), now);
                CheckAgainstGateway = true;
                return QueryVerdict.NeedsAttention;
            }
            Touch(now);
            return QueryVerdict.AlreadyFinal;
        }
        if (evidence.NotFound)
        {
            return NotFound(evidence, context);
        }
        if (evidence.Status is not { } secure)
        {
            return KeepChecking(QueryVerdict.Unusable, context);
        }
        var response = evidence.Response!;
        if (evidence.ByTrace && !IsProvablyThis(response, evidence.SentAt, context.InFlightRequest))
        {
            FlagAttention(new Phrase("Attention.NotThisHold", SystemTraceNum), now);
            return KeepChecking(QueryVerdict.NeedsAttention, context);
        }
        // Found, and saying something else than "held": whatever was counted towards a proof of either is void.
        NotFoundSince = null;
        if (secure != SecureStatus.Held)
        {
            HeldSeenAt = null;
        }
        Adopt(response, evidence.SentAt);
        if (secure == SecureStatus.Failed && (ConfirmedHeld || Status != GuaranteeStatus.Authorizing))
        {
            FlagAttention(new Phrase("Attention.FailedAfterConfirmed"), now);
            return KeepChecking(QueryVerdict.NeedsAttention, context);
        }
        return secure switch
        {
            SecureStatus.Held => StillHeld(evidence.SentAt, context),
            SecureStatus.Voided when Status == GuaranteeStatus.Held && evidence.SentAt >= ExpiresAt => MoveBy(GuaranteeEvent.Expire, context),
            SecureStatus.Completed => CompletedBy(response, evidence.SentAt, context),
            _ => MoveBy(GuaranteeEvents.FromQuery(secure), context),
        };
    }

    /// <summary>
    /// Whether the platform's settled state contradicts this settled hold: completed or voided there, otherwise here (a
    /// released hold is what an expired one is). "Held" or "completing" are not: a query sent just before the platform
    /// carried out our last request reads them.
    /// </summary>
    private bool Contradicts(SecureStatus theirs) => theirs switch
    {
        SecureStatus.Completed => Status != GuaranteeStatus.Completed,
        SecureStatus.Voided => Status is not (GuaranteeStatus.Voided or GuaranteeStatus.Expired),
        _ => false,
    };

    /// <summary>
    /// Whether a query sent at <paramref name="sentAt"/> can speak for the hold's request in flight: only once the
    /// answer window after that request has passed can the platform no longer act on it.
    /// </summary>
    private bool AfterTheAnswerWindow(DateTimeOffset sentAt, SettleContext context) =>
        sentAt - (context.InFlightRequest?.CreatedAt ?? InFlightSince ?? sentAt) >= context.AnswerWindow;

    private QueryVerdict StillHeld(DateTimeOffset sentAt, SettleContext context)
    {
        var now = context.Now;
        switch (Status)
        {
            case GuaranteeStatus.Authorizing:
                ConfirmedHeld = true;
                return MoveBy(GuaranteeEvent.QueryHeld, context);
            case GuaranteeStatus.Held when sentAt >= ExpiresAt:
                if (!NeedsAttention)
                {
                    FlagAttention(new Phrase("Attention.HeldPastLifetime"), now);
                }
                else
                {
                    Touch(now);
                }
                return QueryVerdict.NeedsAttention;
            case GuaranteeStatus.Held:
                ConfirmedHeld = true;
                Touch(now);
                return QueryVerdict.Unchanged;
        }

        // Completing or voiding, and the platform says nothing happened. The platform may still act on a request
        // after our timeout: only answers to queries sent after the answer window count, and only two of them sent at
        // least the first backoff apart (in either order: a batch may apply the later one first) prove it.
        if (!AfterTheAnswerWindow(sentAt, context))
        {
            return KeepChecking(QueryVerdict.Waiting, context);
        }
        if (HeldSeenAt is not { } firstSent)
        {
            HeldSeenAt = sentAt;
            NextCheckAt = Later(now, sentAt + context.FirstBackoff);
            Touch(now);
            return QueryVerdict.Waiting;
        }
        if ((sentAt - firstSent).Duration() < context.FirstBackoff)
        {
            HeldSeenAt = Earlier(firstSent, sentAt);
            NextCheckAt = Later(now, HeldSeenAt.Value + context.FirstBackoff);
            Touch(now);
            return QueryVerdict.Waiting;
        }
        Move(GuaranteeEvent.QueryHeld, now);
        ForgetFinalization();
        return QueryVerdict.Moved;
    }

    private QueryVerdict CompletedBy(QueryResponse response, DateTimeOffset sentAt, SettleContext context)
    {
        var request = context.InFlightRequest;
        var ours = Status == GuaranteeStatus.Completing && CompletedFen is not null &&
                   request is { Endpoint: GatewayEndpoint.CompleteAuthorization or GatewayEndpoint.QuickCompleteAuthorization };
        if (!ours)
        {
            // Completed elsewhere (a POS device): the platform's amount as the query reads, an estimate until a statement confirms it.
            (CompletedFen, CompletedFenEstimated) = (QueryAmounts.Completed(response) ?? HeldFen, true);
        }
        if (SettlementDate is null)
        {
            // No answer carried the platform's settlement date: the completion's trade day, flagged as an estimate
            // (the statement import replaces it), so that the completion is never missing from a total.
            SettlementDate = ours ? request!.TradeDate : ChinaTime.TradeDate(sentAt);
            SettlementDateEstimated = true;
        }
        // Ours happened when the platform received it; one made elsewhere, some time before the query that found it.
        FinalizedAt ??= ours ? request!.CreatedAt : sentAt;
        return MoveBy(GuaranteeEvent.QueryCompleted, context);
    }

    private QueryVerdict NotFound(QueryEvidence evidence, SettleContext context)
    {
        var now = context.Now;
        var sentAt = evidence.SentAt;
        switch (Status)
        {
            case GuaranteeStatus.Held when sentAt >= ExpiresAt:
                // The platform released it at the end of its lifetime and no longer knows it.
                return MoveBy(GuaranteeEvent.Expire, context);
            case GuaranteeStatus.Held or GuaranteeStatus.Completing or GuaranteeStatus.Voiding:
                if (!NeedsAttention)
                {
                    FlagAttention(new Phrase("Attention.ConfirmedHoldNotFound"), now);
                }
                return KeepChecking(QueryVerdict.NeedsAttention, context);
        }

        // Authorizing: "not found" proves nothing while our request may still be acted on, and a query by trace
        // carries no date, so it can only speak for the request's own trade day (the day it was asked on counts).
        if (!AfterTheAnswerWindow(sentAt, context))
        {
            return KeepChecking(QueryVerdict.Waiting, context);
        }
        var request = context.InFlightRequest;
        var requestDay = request?.TradeDate ?? TradeDate ?? ChinaTime.TradeDate(InFlightSince ?? sentAt);
        if (evidence.ByTrace && ChinaTime.TradeDate(sentAt) != requestDay)
        {
            if (!NeedsAttention)
            {
                FlagAttention(new Phrase("Attention.TradeDayOver", requestDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), now);
            }
            return KeepChecking(QueryVerdict.NeedsAttention, context with { Backoff = TimeSpan.FromHours(1) });
        }
        if (NotFoundSince is not { } since)
        {
            NotFoundSince = sentAt;
            return KeepChecking(QueryVerdict.Waiting, context with { Backoff = context.FirstBackoff });
        }
        if ((sentAt - since).Duration() < context.AnswerWindow)
        {
            NotFoundSince = Earlier(since, sentAt);
            return KeepChecking(QueryVerdict.Waiting, context);
        }
        LastErrCode = evidence.Response!.ErrCode;
        LastErrInfo = new Phrase("ErrInfo.NoSuchTransaction").Store();
        return MoveBy(GuaranteeEvent.QueryFailed, context);
    }

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private QueryVerdict MoveBy(GuaranteeEvent on, SettleContext context)
    {
        var before = Status;
        Move(on, context.Now);
        if (on == GuaranteeEvent.QueryFailed)
        {
            LastErrInfo ??= new Phrase("ErrInfo.PlatformFailed").Store();
        }
        if (Status is GuaranteeStatus.Completed or GuaranteeStatus.Voided)
        {
            FinalizedAt ??= context.Now;
        }
        if (Status.IsFinal() && NeedsAttention)
        {
            // The platform settled what a person was asked to look at.
            (NeedsAttention, AttentionReason) = (false, null);
        }
        if (Status.IsInFlight())
        {
            NextCheckAt = context.Now + context.Backoff;
        }
        return Status == before ? QueryVerdict.Unchanged : QueryVerdict.Moved;
    }

    private QueryVerdict KeepChecking(QueryVerdict verdict, SettleContext context)
    {
        if (Status.IsInFlight())
        {
            BackOff(context.Backoff, context.AttentionAfter, context.Now);
        }
        else
        {
            Touch(context.Now);
        }
        return verdict;
    }

    /// <summary>Whether an answer found by trace number is this hold: same amount, same trace, same trade day (or the next/previous one for a request sent around midnight).</summary>
    private bool IsProvablyThis(TransactionQueryResponse response, DateTimeOffset sentAt, GatewayOperation? request)
    {
        if (QueryAmounts.Held(response) != HeldFen || response.DealSystemTraceNum != SystemTraceNum || TradeDate is not { } ours)
        {
            return false;
        }
        if (!ChinaTime.TryResolveMonthDay(response.DealDate, sentAt, out var dealt))
        {
            return false;
        }
        if (dealt == ours)
        {
            return true;
        }
        var requestAt = ChinaTime.ToChina(request?.CreatedAt ?? CreatedAt);
        var nearMidnight = requestAt.TimeOfDay < MidnightMargin || requestAt.TimeOfDay > TimeSpan.FromDays(1) - MidnightMargin;
        return nearMidnight && Math.Abs(dealt.DayNumber - ours.DayNumber) == 1;
    }

    /// <summary>What a query tells about the hold itself; the platform's trade date wins over ours (a request near midnight).</summary>
    private void Adopt(TransactionQueryResponse r, DateTimeOffset sentAt)
    {
        OrderId ??= r.OrderId;
        AuthorizationCode ??= r.AuthorizationCode;
        RetrievalRefNum ??= r.DealRetrievalRefNum;
        ReportedPaidFen = r.Amount ?? ReportedPaidFen;
        ActualTransactionFen = r.ActualTransactionAmount ?? ActualTransactionFen;
        // The first answer that finds a hold whose own answer never came gives its discounts; later ones are compared by reconciliation.
        AdoptDiscounts(r.ThirdPartyMerchantDiscountAmount, r.ThirdPartyOtherDiscountAmount, known: true);
        ThirdPartyName ??= r.ThirdPartyName;
        if (r.DealSystemTraceNum == SystemTraceNum && ChinaTime.TryResolveMonthDay(r.DealDate, sentAt, out var dealt))
        {
            TradeDate = dealt;
            if (AuthorizedAt is null && ChinaTime.TryCombine(dealt, r.DealTime, out var at))
            {
                AuthorizedAt = at;
            }
        }
    }
}
