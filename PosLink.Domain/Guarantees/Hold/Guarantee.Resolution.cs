using PosLink.Domain.Common;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

/// <summary>What a person found the hold to be, when the machine could not settle it.</summary>
public enum ConfirmedAs
{
    Held,
    Completed,
    Voided,
    Failed,
}

public sealed partial class Guarantee
{
    /// <summary>
    /// A person settles what the machine could not (an admin, having checked with the platform or the statement):
    /// the hold takes that state, and the caller settles its open requests with the person's note. It is an action on
    /// the hold: answers to queries sent before it describe the past. A hold a person settled is checked against the
    /// gateway by reconciliation, whatever its settlement date. Confirming a hold as held needs its identity: one
    /// without the platform's order id is confirmed by <see cref="ConfirmHeldBy"/>.
    /// </summary>
    public Problem? ConfirmAs(ConfirmedAs state, long? completedFen, Actor actor, DateTimeOffset now)
    {
        if (Status.IsFinal())
        {
            return GuaranteeProblems.NotHeld(this);
        }
        if (state == ConfirmedAs.Completed && (completedFen is not { } amount || amount <= 0 || amount > HeldFen))
        {
            return GuaranteeProblems.CompleteAmount(completedFen ?? 0, HeldFen);
        }
        if (state == ConfirmedAs.Held && OrderId is null)
        {
            return GuaranteeProblems.ConfirmHeldNeedsOrderId;
        }
        var on = state switch
        {
            ConfirmedAs.Held => GuaranteeEvent.ConfirmHeld,
            ConfirmedAs.Completed => GuaranteeEvent.ConfirmCompleted,
            ConfirmedAs.Voided => GuaranteeEvent.ConfirmVoided,
            _ => GuaranteeEvent.ConfirmFailed,
        };
        var wasInFlight = Status.IsInFlight();
        Move(on, now);
        ActionNumber++;
        switch (state)
        {
            case ConfirmedAs.Held:
                ConfirmedHeld = true;
                ForgetFinalization();
                break;
            case ConfirmedAs.Completed:
                (CompletedFen, CompletedFenEstimated) = (completedFen, false);
                SettlementDate ??= ChinaTime.TradeDate(now);
                SettlementDateEstimated = SettlementDateEstimated || wasInFlight || SettlementDate == ChinaTime.TradeDate(now);
                goto default;
            default:
                FinalizedAt ??= now;
                FinalizedByUserId ??= actor.UserId;
                FinalizedByName ??= actor.Name;
                break;
        }
        (NeedsAttention, AttentionReason) = (false, null);
        CheckAgainstGateway = Status.IsFinal();
        return null;
    }

    /// <summary>
    /// A person confirms as held a hold that lacks the platform's order id (its 担保's answer was lost, and a query by
    /// trace can no longer find it), giving the order id read off the platform. The answer to a query by that order id
    /// must say 担保中 and prove it is this hold (amount, trace number, trade date) before the hold adopts its identity;
    /// otherwise nothing changes.
    /// </summary>
    public Problem? ConfirmHeldBy(string orderId, QueryEvidence evidence, Actor actor, DateTimeOffset now)
    {
        if (Status.IsFinal())
        {
            return GuaranteeProblems.NotHeld(this);
        }
        if (evidence.SentAtAction != ActionNumber)
        {
            return GuaranteeProblems.ChangedWhileChecking;
        }
        if (evidence.Response is not { Found: true } response || evidence.NotFound || response.OrderId != orderId)
        {
            return GuaranteeProblems.OrderIdNotFound(orderId);
        }
        if (!IsProvablyThis(response, evidence.SentAt, null))
        {
            return GuaranteeProblems.OrderIdNotThisHold(orderId);
        }
        if (evidence.Status != SecureStatus.Held)
        {
            return GuaranteeProblems.OrderIdNotHeld(orderId, evidence.Status);
        }
        Adopt(response, evidence.SentAt);
        return ConfirmAs(ConfirmedAs.Held, null, actor, now);
    }

    /// <summary>
    /// A hold taken elsewhere (a POS device) that a query found: its amount and identity from the answer, its life
    /// from its deal date (not from now), and nothing begun on it here yet. The same answer then settles its state.
    /// </summary>
    public static Guarantee Import(Terminal terminal, TransactionQueryResponse found, DateTimeOffset sentAt, Actor actor, DateTimeOffset now, int lifetimeDays)
    {
        DateOnly? tradeDate = ChinaTime.TryResolveMonthDay(found.DealDate, sentAt, out var dealt) ? dealt : null;
        DateTimeOffset? dealtAt = tradeDate is { } day && ChinaTime.TryCombine(day, found.DealTime, out var at) ? at : null;
        return new Guarantee
        {
            TerminalId = terminal.Id,
            StoreId = terminal.StoreId,
            HeldFen = found.OriginalAmount ?? 0,
            PayCodeMasked = found.PayCode ?? "",
            Imported = true,
            CreatedAt = now,
            CreatedByUserId = actor.UserId,
            CreatedByName = actor.Name,
            UpdatedAt = now,
            ExpiresAt = (dealtAt ?? now).AddDays(lifetimeDays),
            InFlightSince = now,
            SystemTraceNum = found.DealSystemTraceNum,
            TradeDate = tradeDate,
            AuthorizedAt = dealtAt,
            RetrievalRefNum = found.DealRetrievalRefNum,
        };
    }
}
