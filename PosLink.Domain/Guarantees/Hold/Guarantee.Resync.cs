using PosLink.Domain.Common;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

public sealed partial class Guarantee
{
    /// <summary>
    /// Brings a settled hold in line with the platform, when reconciliation found them apart and a person chose to
    /// re-sync. The evidence is a query sent for this purpose, and counts only if nothing was begun on the hold since
    /// (DESIGN §8); an answer that does not say clearly where the hold stands changes nothing. The hold takes the
    /// platform's state; a re-sync is an action, so any other query still out describes the past. Query amounts are
    /// evidence, not truth: the amount our own completion's answer gave stands (a different figure stays a difference
    /// for a person to accept), and a completion found by the re-sync takes the query's figure, estimated, on today's
    /// settlement date, estimated too (an answer to a query carries none; the void's date is not the completion's).
    /// </summary>
    public Problem? Resync(QueryEvidence evidence, DateTimeOffset now)
    {
        if (Status is not (GuaranteeStatus.Completed or GuaranteeStatus.Voided or GuaranteeStatus.Failed))
        {
            return GuaranteeProblems.ResyncNotSettled(Status);
        }
        if (evidence.SentAtAction != ActionNumber)
        {
            return GuaranteeProblems.ChangedWhileChecking;
        }
        if (evidence.NotFound)
        {
            return GuaranteeProblems.ResyncNotFound;
        }
        if (evidence.Status is not { } secure || secure is SecureStatus.Completing || evidence.ByTrace)
        {
            return GuaranteeProblems.ResyncUnclear;
        }
        if (secure == SecureStatus.Failed)
        {
            return GuaranteeProblems.ResyncFailed;
        }
        var ourCompletion = Status == GuaranteeStatus.Completed && !CompletedFenEstimated;
        if (ourCompletion && secure == SecureStatus.Completed)
        {
            return GuaranteeProblems.ResyncOursStands;
        }
        var response = evidence.Response!;
        var on = secure switch
        {
            SecureStatus.Held => GuaranteeEvent.ResyncHeld,
            SecureStatus.Completed => GuaranteeEvent.ResyncCompleted,
            _ => GuaranteeEvent.ResyncVoided,
        };
        var wasCompleted = Status == GuaranteeStatus.Completed;
        Adopt(response, evidence.SentAt);
        Move(on, now);
        ActionNumber++;
        switch (Status)
        {
            case GuaranteeStatus.Held:
                // Nothing was finalized after all: the hold is open again, to be completed or voided.
                ConfirmedHeld = true;
                ForgetFinalization();
                (FinalizedAt, SettlementDate, SettlementDateEstimated, FinalRetrievalRefNum) = (null, null, false, null);
                break;
            case GuaranteeStatus.Completed:
                (CompletedFen, CompletedFenEstimated) = (QueryAmounts.Completed(response) ?? HeldFen, true);
                if (!wasCompleted)
                {
                    // Completed at the platform, not as we recorded it: none of the void's dates or reference is the completion's.
                    (FinalizedAt, FinalRetrievalRefNum) = (evidence.SentAt, null);
                    (SettlementDate, SettlementDateEstimated) = (ChinaTime.TradeDate(now), true);
                }
                break;
            default:
                FinalizedAt ??= now;
                break;
        }
        (NeedsAttention, AttentionReason, CheckAgainstGateway) = (false, null, false);
        return null;
    }

    /// <summary>Reconciliation asked the gateway about a hold a person settled, and it agreed (or finance accepted the difference).</summary>
    public void Reconciled(DateTimeOffset now)
    {
        if (CheckAgainstGateway)
        {
            CheckAgainstGateway = false;
            Touch(now);
        }
    }

    /// <summary>
    /// The settlement statement dates this completion: an estimated date gives way to it. Returns whether the date
    /// changed; a date the platform gave in an answer is never overwritten (a disagreement is a difference instead).
    /// </summary>
    public bool AdoptStatementDate(DateOnly settlementDate, DateTimeOffset now)
    {
        if (Status != GuaranteeStatus.Completed || !SettlementDateEstimated)
        {
            return false;
        }
        SettlementDate = settlementDate;
        SettlementDateEstimated = false;
        Touch(now);
        return true;
    }

    /// <summary>
    /// The settlement statement lists this completion at <paramref name="amountFen"/>: an estimated amount that agrees is
    /// confirmed. Returns whether it was; an amount that differs stays ours, and the statement's a difference.
    /// </summary>
    public bool ConfirmAmountByStatement(long amountFen, DateTimeOffset now)
    {
        if (Status != GuaranteeStatus.Completed || !CompletedFenEstimated || CompletedFen != amountFen)
        {
            return false;
        }
        CompletedFenEstimated = false;
        Touch(now);
        return true;
    }
}
