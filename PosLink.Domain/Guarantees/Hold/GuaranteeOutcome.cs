using PosLink.Domain.Common;

namespace PosLink.Domain.Guarantees;

/// <summary>How a request about a hold ended, for the page that made it.</summary>
public enum OutcomeKind
{
    /// <summary>The gateway approved: the hold moved.</summary>
    Approved,

    /// <summary>The gateway refused: nothing happened; <see cref="GuaranteeOutcome.Reason"/> says why.</summary>
    Declined,

    /// <summary>No final answer yet ("waiting for the customer/gateway"): PosLink will find out by itself.</summary>
    Pending,

    /// <summary>Nothing was sent: the completion or void waits for a second person's approval (maker–checker).</summary>
    AwaitingApproval,
}

/// <summary>The result of take, complete, void, import or refresh: where the hold now stands, and why.</summary>
public sealed record GuaranteeOutcome(long GuaranteeId, GuaranteeStatus Status, OutcomeKind Kind, Problem? Reason = null);
