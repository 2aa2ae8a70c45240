using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using static PosLink.Domain.Exports.ExportCells;

namespace PosLink.Domain.Exports;

/// <summary>The columns of each export. Money comes twice, in yuan (two decimals) for reading and in fen for sums that must be exact.</summary>
public static class ExportTables
{
    public static IReadOnlyList<ExportColumn<GuaranteeExportRow>> Guarantees(bool english) =>
    [
        new("担保编号", "Hold id", r => r.Id),
        new("状态", "Status", r => DifferenceTexts.Status(r.Status, english)),
        new("Status", "Status code", r => r.Status.ToString()),
        new("门店", "Store", r => r.StoreName),
        new("终端", "Terminal", r => r.TerminalCode),
        new("商户订单号", "Merchant order id", r => r.MerchantOrderId),
        new("银商订单号", "Gateway order id", r => r.OrderId),
        new("系统跟踪号", "Trace number", r => r.SystemTraceNum),
        new("授权码", "Authorization code", r => r.AuthorizationCode),
        new("付款码", "Payment code", r => r.PayCodeMasked),
        new("担保金额（元）", "Held (¥)", r => Yuan(r.HeldFen)),
        new("担保金额（分）", "Held (fen)", r => r.HeldFen),
        new("完成金额（元）", "Completed (¥)", r => Yuan(r.Figures.CompletedFen)),
        new("完成金额（分）", "Completed (fen)", r => r.Figures.CompletedFen),
        new("完成金额为预估", "Completed amount estimated", r => r.Figures.CompletedFen is null ? null : YesNo(r.CompletedFenEstimated, english)),
        new("释放金额（元）", "Released (¥)", r => Yuan(r.Figures.ReleasedFen)),
        new("释放金额（分）", "Released (fen)", r => r.Figures.ReleasedFen),
        new("商户优惠（分）", "Merchant discount (fen)", r => r.Figures.MerchantDiscountFen),
        new("其他优惠（分）", "Other discount (fen)", r => r.Figures.OtherDiscountFen),
        new("顾客实付（元）", "Paid by customer (¥)", r => Yuan(r.Figures.PaidFen)),
        new("顾客实付（分）", "Paid by customer (fen)", r => r.Figures.PaidFen),
        new("担保时间", "Taken at (China time)", r => China(r.CreatedAt)),
        new("经办人", "Taken by", r => r.CreatedByName),
        new("完成/撤销时间", "Finalized at (China time)", r => China(r.FinalizedAt)),
        new("完成/撤销人", "Finalized by", r => r.FinalizedByName),
        new("结算日期", "Settlement date", r => r.SettlementDate),
        new("结算日期为预估", "Settlement date estimated", r => r.SettlementDate is null ? null : YesNo(r.SettlementDateEstimated, english)),
        new("到期时间", "Expires at (China time)", r => China(r.ExpiresAt)),
        new("需要处理", "Needs attention", r => YesNo(r.NeedsAttention, english)),
        new("支付渠道", "Wallet", r => r.ThirdPartyName),
        new("备注", "Remark", r => r.MerchantRemark),
    ];

    public static IReadOnlyList<ExportColumn<SettlementHoldRow>> Settlements(bool english) =>
    [
        new("结算日期", "Settlement date", r => r.SettlementDate),
        new("结算日期为预估", "Settlement date estimated", r => YesNo(r.SettlementDateEstimated, english)),
        new("门店", "Store", r => r.StoreName),
        new("终端", "Terminal", r => r.TerminalCode),
        new("担保编号", "Hold id", r => r.Id),
        new("商户订单号", "Merchant order id", r => r.MerchantOrderId),
        new("银商订单号", "Gateway order id", r => r.OrderId),
        new("检索参考号", "Retrieval reference number", r => r.RetrievalRefNum),
        new("担保金额（元）", "Held (¥)", r => Yuan(r.Figures.HeldFen)),
        new("完成金额（元）", "Completed (¥)", r => Yuan(r.Figures.CompletedFen)),
        new("完成金额为预估", "Completed amount estimated", r => YesNo(r.CompletedFenEstimated, english)),
        new("释放金额（元）", "Released (¥)", r => Yuan(r.Figures.ReleasedFen)),
        new("商户优惠（元）", "Merchant discount (¥)", r => Yuan(r.Figures.MerchantDiscountFen)),
        new("其他优惠（元）", "Other discount (¥)", r => Yuan(r.Figures.OtherDiscountFen)),
        new("顾客实付（元）", "Paid by customer (¥)", r => Yuan(r.Figures.PaidFen)),
        new("担保金额（分）", "Held (fen)", r => r.Figures.HeldFen),
        new("完成金额（分）", "Completed (fen)", r => r.Figures.CompletedFen),
        new("释放金额（分）", "Released (fen)", r => r.Figures.ReleasedFen),
        new("商户优惠（分）", "Merchant discount (fen)", r => r.Figures.MerchantDiscountFen),
        new("其他优惠（分）", "Other discount (fen)", r => r.Figures.OtherDiscountFen),
        new("顾客实付（分）", "Paid by customer (fen)", r => r.Figures.PaidFen),
        new("完成时间", "Completed at (China time)", r => China(r.FinalizedAt)),
        new("完成人", "Completed by", r => r.FinalizedByName),
        new("支付渠道", "Wallet", r => r.ThirdPartyName),
    ];

    public static IReadOnlyList<ExportColumn<DifferenceRow>> Differences(bool english) =>
    [
        new("结算日期", "Settlement date", r => r.SettlementDate),
        new("来源", "Source", r => DifferenceTexts.Source(r.Source, english)),
        new("差异类型", "Kind", r => DifferenceTexts.Kind(r.Kind, english)),
        new("涉及金额", "Which amount", r => DifferenceTexts.Field(r.Field, english)),
        new("门店", "Store", r => r.StoreName),
        new("担保编号", "Hold id", r => r.GuaranteeId),
        new("商户订单号", "Merchant order id", r => r.MerchantOrderId),
        new("银商订单号", "Gateway order id", r => r.OrderId),
        new("检索参考号", "Retrieval reference number", r => r.RetrievalRefNum),
        new("我方状态", "Our status", r => r.OurStatus is null ? null : DifferenceTexts.Status(r.OurStatus, english)),
        new("对方状态", "Their status", r => r.TheirStatus is null ? null : DifferenceTexts.Status(r.TheirStatus, english)),
        new("我方金额（元）", "Ours (¥)", r => Yuan(r.OurFen)),
        new("对方金额（元）", "Theirs (¥)", r => Yuan(r.TheirFen)),
        new("我方金额（分）", "Ours (fen)", r => r.OurFen),
        new("对方金额（分）", "Theirs (fen)", r => r.TheirFen),
        new("我方结算日期", "Our settlement date", r => r.OurDate),
        new("对方结算日期", "Their settlement date", r => r.TheirDate),
        new("发现时间", "Found at (China time)", r => China(r.FoundAt)),
        new("处理状态", "State", r => DifferenceTexts.State(r.State, english)),
        new("处理人", "Resolved by", r => r.ResolvedByName),
        new("处理时间", "Resolved at (China time)", r => China(r.ResolvedAt)),
        new("处理说明", "Note", r => r.ResolutionNote),
    ];

    private static string YesNo(bool value, bool english) => value ? english ? "yes" : "是" : english ? "no" : "否";
}
