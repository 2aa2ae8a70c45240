using PosLink.Domain.Common;
using PosLink.Domain.Guarantees.Approvals;

namespace PosLink.Domain.Guarantees;

public sealed partial class Guarantee
{
    /// <summary>The completion or void request waiting for a second person (null: none). Set and cleared under <see cref="Version"/>.</summary>
    public long? AwaitingApprovalId { get; private set; }

    /// <summary>When that request lapses: until then nobody but its approver finalizes the hold.</summary>
    public DateTimeOffset? AwaitingApprovalUntil { get; private set; }

    /// <summary>Whether a request for a second person's approval holds the hold at <paramref name="now"/>.</summary>
    public bool IsAwaitingApproval(DateTimeOffset now) => AwaitingApprovalId is not null && AwaitingApprovalUntil > now;

    /// <summary>
    /// Whether a completion or void could begin now, as a request would begin it later: held, citable, and (for a
    /// completion) within the held amount. Checked before a request is made, so that nobody approves what cannot be sent.
    /// </summary>
    public Problem? CanFinalize(long? completeFen, DateTimeOffset now)
    {
        if (Status != GuaranteeStatus.Held)
        {
            return GuaranteeProblems.NotHeld(this);
        }
        if (IsAwaitingApproval(now))
        {
            return GuaranteeProblems.AwaitingApproval;
        }
        if (!CanBeCited)
        {
            return GuaranteeProblems.Unidentified;
        }
        return completeFen is { } fen && (fen <= 0 || fen > HeldFen) ? GuaranteeProblems.CompleteAmount(fen, HeldFen) : null;
    }

    /// <summary>A request now waits for approval: the hold is kept from everyone else until it is decided or lapses.</summary>
    public void AwaitApproval(ApprovalRequest request, DateTimeOffset now)
    {
        (AwaitingApprovalId, AwaitingApprovalUntil) = (request.Id, request.ExpiresAt);
        Touch(now);
    }

    /// <summary>The request was decided (approved, rejected, withdrawn) or lapsed: the hold is free again.</summary>
    public void ApprovalEnded(DateTimeOffset now)
    {
        (AwaitingApprovalId, AwaitingApprovalUntil) = (null, null);
        Touch(now);
    }
}
