using PosLink.Domain.Common;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Guarantees.Approvals;

/// <summary>What a request asks a second person to let PosLink send.</summary>
public enum ApprovalKind
{
    Complete,
    Void,
}

/// <summary>Where a request stands. Only a pending one holds its hold, and only until it lapses.</summary>
public enum ApprovalState
{
    /// <summary>Waiting for another manager of the store or an admin.</summary>
    Pending,

    /// <summary>Approved: the completion or void was sent as the approver's action.</summary>
    Approved,

    /// <summary>Rejected with a reason: nothing was sent; the hold stayed held.</summary>
    Rejected,

    /// <summary>Taken back by the person who made it: nothing was sent.</summary>
    Withdrawn,

    /// <summary>Not decided in time, or its hold stopped being held: nothing was sent.</summary>
    Expired,
}

/// <summary>
/// Maker–checker (<see cref="GuaranteeOptions.SecondApprovalAboveFen"/>): a store manager's completion or void above
/// the threshold, kept as a request instead of being sent. Its hold points back at it (<see cref="Guarantee.AwaitingApprovalId"/>),
/// and both are changed in one transaction under the hold's version, so a request, its approval, another click and a
/// bulk run can never send twice.
/// </summary>
public sealed class ApprovalRequest
{
    private ApprovalRequest()
    {
    }

    public long Id { get; private set; }
    public long GuaranteeId { get; private set; }
    public int StoreId { get; private set; }
    public ApprovalKind Kind { get; private set; }

    /// <summary>The completion's amount, or the held amount a void releases.</summary>
    public long AmountFen { get; private set; }

    /// <summary>The void's reason as the maker gave it; sent with the void when approved.</summary>
    public string? Reason { get; private set; }

    /// <summary>The bulk run that made the request (null: made on the hold itself).</summary>
    public long? BulkRunId { get; private set; }

    public string MakerUserId { get; private set; } = "";
    public string MakerName { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>When it lapses: the approval window, or the hold's own expiry if that comes first.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    public ApprovalState State { get; private set; }
    public string? DecidedByUserId { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>Why it was rejected, as the checker wrote it.</summary>
    public string? RejectionReason { get; private set; }

    public static ApprovalRequest For(Guarantee hold, ApprovalKind kind, long amountFen, string? reason, long? bulkRunId, Actor maker, DateTimeOffset now, TimeSpan window) => new()
    {
        GuaranteeId = hold.Id,
        StoreId = hold.StoreId,
        Kind = kind,
        AmountFen = amountFen,
        Reason = reason,
        BulkRunId = bulkRunId,
        MakerUserId = maker.UserId,
        MakerName = maker.Name,
        RequestedAt = now,
        ExpiresAt = now + window < hold.ExpiresAt ? now + window : hold.ExpiresAt,
        State = ApprovalState.Pending,
    };

    /// <summary>Pending, not lapsed: the only state that can still be decided.</summary>
    public bool IsOpen(DateTimeOffset now) => State == ApprovalState.Pending && ExpiresAt > now;

    /// <summary>The state a reader sees: a pending request past its time is expired, whether or not anyone has written so yet.</summary>
    public ApprovalState StateAt(DateTimeOffset now) => State == ApprovalState.Pending && ExpiresAt <= now ? ApprovalState.Expired : State;

    /// <summary>Whether <paramref name="actor"/> may approve or reject: someone else who acts in the store (another of its managers, or an admin).</summary>
    public bool MayBeDecidedBy(Actor actor) => actor.CanActIn(StoreId) && actor.UserId != MakerUserId && actor != Actor.System;

    /// <summary>Decides the request, if it is still open and <paramref name="actor"/> may: the caller then frees the hold.</summary>
    public Problem? Decide(ApprovalState decision, Actor actor, string? rejectionReason, DateTimeOffset now)
    {
        if (!IsOpen(now))
        {
            return ApprovalProblems.NotOpen(StateAt(now));
        }
        var allowed = decision == ApprovalState.Withdrawn ? actor.UserId == MakerUserId : MayBeDecidedBy(actor);
        if (!allowed)
        {
            return decision == ApprovalState.Withdrawn ? ApprovalProblems.OnlyMakerWithdraws
                : actor.UserId == MakerUserId ? ApprovalProblems.MakerCannotApprove : ApprovalProblems.CannotDecide;
        }
        (State, DecidedByUserId, DecidedByName, DecidedAt, RejectionReason) = (decision, actor.UserId, actor.Name, now, rejectionReason);
        return null;
    }

    /// <summary>Lapsed, or its hold is no longer held: written down when next touched.</summary>
    public void Expire(DateTimeOffset now) => (State, DecidedAt) = (ApprovalState.Expired, now);
}
