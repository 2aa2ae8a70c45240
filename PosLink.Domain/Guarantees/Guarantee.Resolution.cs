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
    /// the hold takes that state, and the caller settles its open requests with the person's note.
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
        var on = state switch
        {
            ConfirmedAs.Held => GuaranteeEvent.ConfirmHeld,
            ConfirmedAs.Completed => GuaranteeEvent.ConfirmCompleted,
            ConfirmedAs.Voided => GuaranteeEvent.ConfirmVoided,
            _ => GuaranteeEvent.ConfirmFailed,
        };
        var wasInFlight = Status.IsInFlight();
        Move(on, now);
        switch (state)
        {
            case ConfirmedAs.Held:
                ConfirmedHeld = true;
                ForgetFinalization();
                break;
            case ConfirmedAs.Completed:
                CompletedFen = completedFen;
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
        return null;
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
