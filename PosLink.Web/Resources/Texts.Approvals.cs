namespace PosLink.Web.Resources;

/// <summary>The words of maker–checker approvals; their texts are in Texts.resx and Texts.en.resx.</summary>
public static partial class L
{
    public static string Approvals => T();
    public static string ApprovalsPending => T();
    public static string ApprovalsRecent => T();
    public static string NoPendingApprovals => T();
    public static string NoRecentApprovals => T();
    public static string Approve => T();
    public static string Reject => T();
    public static string Withdraw => T();
    public static string RequestedBy => T();
    public static string RequestedAt => T();
    public static string ValidUntil => T();
    public static string DecidedBy => T();
    public static string ApprovalRequest => T();
    public static string AwaitingMyApproval => T();
    public static string RejectionReason => T();
    public static string RejectExplain => T();

    /// <summary>What a request asks, as a table cell says it: "完成 ¥800.00".</summary>
    public static string ApprovalAsk(PosLink.Domain.Guarantees.Approvals.ApprovalKind kind, long amountFen) =>
        F(nameof(ApprovalAsk), Name(kind), PosLink.Domain.Common.Money.Yuan(amountFen));

    public static string HoldAwaitingApprovalBanner(string maker, PosLink.Domain.Guarantees.Approvals.ApprovalKind kind, long amountFen, string until) =>
        F(nameof(HoldAwaitingApprovalBanner), maker, Name(kind), PosLink.Domain.Common.Money.Yuan(amountFen), until);

    public static string ApprovalRequested(string hold) => F(nameof(ApprovalRequested), hold);

    public static string ApproveConfirm(PosLink.Domain.Guarantees.Approvals.ApprovalKind kind, long amountFen, string hold, string maker) =>
        F(nameof(ApproveConfirm), Name(kind), PosLink.Domain.Common.Money.Yuan(amountFen), hold, maker);

    public static string ApproveTitle(string hold) => F(nameof(ApproveTitle), hold);
    public static string RejectTitle(string hold) => F(nameof(RejectTitle), hold);
    public static string RejectedNotice(string hold) => F(nameof(RejectedNotice), hold);
    public static string WithdrawnNotice(string hold) => F(nameof(WithdrawnNotice), hold);
}
