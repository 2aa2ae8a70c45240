using System.Collections.Frozen;
using static PosLink.Domain.Guarantees.GuaranteeEvent;
using static PosLink.Domain.Guarantees.GuaranteeStatus;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// The hold state machine: the one table every state change goes through. A pair that is not here is not
/// allowed. Which answer may take which row (a stale one none, an early "held" not yet) is the hold's own rule
/// (<see cref="Guarantee.Settle"/>). A settled hold leaves its state only by a person's re-sync (<see cref="Guarantee.Resync"/>).
/// </summary>
public static class GuaranteeTransitions
{
    private static readonly (GuaranteeStatus From, GuaranteeEvent On, GuaranteeStatus To)[] Rows =
    [
        (Authorizing, AuthorizeApproved, Held),
        (Authorizing, AuthorizeDeclined, Declined),
        (Authorizing, QueryHeld, Held),
        (Authorizing, QueryVoided, Voided),
        (Authorizing, QueryCompleted, Completed),
        (Authorizing, QueryCompleting, Completing),
        (Authorizing, QueryFailed, Failed),

        (Held, BeginComplete, Completing),
        (Held, BeginVoid, Voiding),
        (Held, QueryHeld, Held),
        (Held, QueryVoided, Voided),
        (Held, QueryCompleted, Completed),
        (Held, QueryCompleting, Completing),
        (Held, QueryFailed, Failed),
        (Held, Expire, Expired),

        (Completing, CompleteApproved, Completed),
        (Completing, CompleteDeclined, Held),
        (Completing, QueryHeld, Held),
        (Completing, QueryVoided, Voided),
        (Completing, QueryCompleted, Completed),
        (Completing, QueryCompleting, Completing),
        (Completing, QueryFailed, Failed),

        (Voiding, VoidApproved, Voided),
        (Voiding, VoidDeclined, Held),
        (Voiding, QueryHeld, Held),
        (Voiding, QueryVoided, Voided),
        (Voiding, QueryCompleted, Completed),
        (Voiding, QueryCompleting, Completing),
        (Voiding, QueryFailed, Failed),

        // What a person settles when the machine cannot (the needs-attention list): any open hold, to what they found.
        (Authorizing, ConfirmHeld, Held),
        (Authorizing, ConfirmCompleted, Completed),
        (Authorizing, ConfirmVoided, Voided),
        (Authorizing, ConfirmFailed, Failed),
        (Held, ConfirmHeld, Held),
        (Held, ConfirmCompleted, Completed),
        (Held, ConfirmVoided, Voided),
        (Held, ConfirmFailed, Failed),
        (Completing, ConfirmHeld, Held),
        (Completing, ConfirmCompleted, Completed),
        (Completing, ConfirmVoided, Voided),
        (Completing, ConfirmFailed, Failed),
        (Voiding, ConfirmHeld, Held),
        (Voiding, ConfirmCompleted, Completed),
        (Voiding, ConfirmVoided, Voided),
        (Voiding, ConfirmFailed, Failed),

        // Reconciliation: a settled hold the platform sees otherwise, brought in line by a person's re-sync from a fresh query.
        (Completed, ResyncHeld, Held),
        (Completed, ResyncCompleted, Completed),
        (Completed, ResyncVoided, Voided),
        (Voided, ResyncHeld, Held),
        (Voided, ResyncCompleted, Completed),
        (Voided, ResyncVoided, Voided),
        (Failed, ResyncHeld, Held),
        (Failed, ResyncCompleted, Completed),
        (Failed, ResyncVoided, Voided),
    ];

    private static readonly FrozenDictionary<(GuaranteeStatus, GuaranteeEvent), GuaranteeStatus> Table =
        Rows.ToFrozenDictionary(r => (r.From, r.On), r => r.To);

    public static IReadOnlyList<(GuaranteeStatus From, GuaranteeEvent On, GuaranteeStatus To)> All => Rows;

    public static bool TryNext(GuaranteeStatus from, GuaranteeEvent on, out GuaranteeStatus to) => Table.TryGetValue((from, on), out to);
}
