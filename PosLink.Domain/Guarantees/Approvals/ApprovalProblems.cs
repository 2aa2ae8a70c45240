using PosLink.Domain.Common;
using PosLink.Domain.Text;

namespace PosLink.Domain.Guarantees.Approvals;

/// <summary>The refusals an approval request can meet, as codes and catalogue phrases.</summary>
public static class ApprovalProblems
{
    /// <summary>A rejection's reason is kept with the request and in the audit trail.</summary>
    public const int MaxReasonLength = 100;

    public static readonly Problem NotFound = Problem.NotFound("Approval");

    public static readonly Problem MakerCannotApprove = Problem.Forbidden("Problem.ApprovalMakerCannotApprove");

    public static readonly Problem CannotDecide = Problem.Forbidden("Problem.ApprovalCannotDecide");

    public static readonly Problem OnlyMakerWithdraws = Problem.Forbidden("Problem.ApprovalOnlyMakerWithdraws");

    public static readonly Problem ReasonRequired = Problem.Invalid("reason", "Problem.ApprovalRejectionNeedsReason");

    public static Problem NotOpen(ApprovalState state) => new("finished", new Phrase("Problem.ApprovalNotOpen", state));

    /// <summary>The reason a rejection must give: present, of bounded length, no invisible characters.</summary>
    public static Problem? CheckRejectionReason(string? reason) => string.IsNullOrWhiteSpace(reason)
        ? ReasonRequired
        : TextRules.Check("reason", new Phrase("Field.RejectionReason"), reason.Trim(), MaxReasonLength);
}
