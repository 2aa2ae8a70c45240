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
    /// platform's state and amounts; a re-sync is an action, so any other query still out describes the past.
    /// </summary>
    public Problem? Resync(QueryEvidence evidence, DateTimeOffset now)
    {
        if (Status is not (GuaranteeStatus.Completed or GuaranteeStatus.Voided))
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
                CompletedFen = response.CompletedAmount ?? CompletedFen ?? HeldFen;
                FinalizedAt ??= now;
                if (!wasCompleted || SettlementDate is null)
                {
                    // A completion no answer of ours dated: its settlement date is ours to estimate until the statement says.
                    SettlementDate ??= ChinaTime.TradeDate(now);
                    SettlementDateEstimated = true;
                }
                break;
            default:
                CompletedFen = null;
                FinalizedAt ??= now;
                break;
        }
        (NeedsAttention, AttentionReason) = (false, null);
        return null;
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
}
