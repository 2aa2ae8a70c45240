using PosLink.Domain.Guarantees;

namespace PosLink.Domain.Finance;

/// <summary>A difference in words, in both languages: for the reconciliation page and its export alike.</summary>
public static class DifferenceTexts
{
    public static string Kind(DifferenceKind kind, bool english) => (kind, english) switch
    {
        (DifferenceKind.StatusMismatch, false) => "状态不一致",
        (DifferenceKind.StatusMismatch, true) => "Status differs",
        (DifferenceKind.AmountMismatch, false) => "金额不一致",
        (DifferenceKind.AmountMismatch, true) => "Amount differs",
        (DifferenceKind.UnknownToGateway, false) => "网关查无此单",
        (DifferenceKind.UnknownToGateway, true) => "Unknown to the gateway",
        (DifferenceKind.StatementOnly, false) => "仅对账单有",
        (DifferenceKind.StatementOnly, true) => "Only on the statement",
        (DifferenceKind.LedgerOnly, false) => "对账单缺少",
        (DifferenceKind.LedgerOnly, true) => "Missing from the statement",
        (DifferenceKind.DateMismatch, false) => "结算日期不一致",
        (DifferenceKind.DateMismatch, true) => "Settlement date differs",
        (DifferenceKind.CompletedAfterCheck, false) => "核对后新增的完成",
        (DifferenceKind.CompletedAfterCheck, true) => "Completed after the day was checked",
        _ => kind.ToString(),
    };

    public static string Source(DifferenceSource source, bool english) => source switch
    {
        DifferenceSource.Gateway => english ? "Gateway" : "网关",
        _ => english ? "Statement" : "对账单",
    };

    public static string State(DifferenceState state, bool english) => (state, english) switch
    {
        (DifferenceState.Open, false) => "待处理",
        (DifferenceState.Open, true) => "Open",
        (DifferenceState.Resynced, false) => "已按网关同步",
        (DifferenceState.Resynced, true) => "Re-synced",
        (DifferenceState.Accepted, false) => "已接受",
        (DifferenceState.Accepted, true) => "Accepted",
        (DifferenceState.Cleared, false) => "已自动消除",
        (DifferenceState.Cleared, true) => "Cleared",
        _ => state.ToString(),
    };

    public static string Field(string? field, bool english) => (field, english) switch
    {
        (DifferenceFields.Completed, false) => "完成金额",
        (DifferenceFields.Completed, true) => "completed amount",
        (DifferenceFields.Held, false) => "担保金额",
        (DifferenceFields.Held, true) => "held amount",
        (DifferenceFields.MerchantDiscount, false) => "商户优惠",
        (DifferenceFields.MerchantDiscount, true) => "merchant discount",
        (DifferenceFields.OtherDiscount, false) => "其他优惠",
        (DifferenceFields.OtherDiscount, true) => "other discount",
        (DifferenceFields.StatementAmount, false) => "对账单金额",
        (DifferenceFields.StatementAmount, true) => "statement amount",
        _ => "",
    };

    public static string Status(GuaranteeStatus? status, bool english) => status is { } s ? english ? s.ToString() : s.Chinese() : "—";
}
