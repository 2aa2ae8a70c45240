using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Text;
using static PosLink.Domain.Exports.ExportCells;

namespace PosLink.Domain.Exports;

/// <summary>
/// The columns of each export, named by catalogue key. Money comes twice, in yuan (two decimals) for reading and in fen
/// for sums that must be exact; states, kinds and yes/no are cells of their own type, worded by the writer's catalogue.
/// </summary>
public static class ExportTables
{
    public static IReadOnlyList<ExportColumn<GuaranteeExportRow>> Guarantees() =>
    [
        new("Export.HoldId", r => r.Id),
        new("Export.Status", r => r.Status),
        new("Export.Store", r => r.StoreName),
        new("Export.Terminal", r => r.TerminalCode),
        new("Export.MerchantOrderId", r => r.MerchantOrderId),
        new("Export.GatewayOrderId", r => r.OrderId),
        new("Export.TraceNumber", r => r.SystemTraceNum),
        new("Export.AuthorizationCode", r => r.AuthorizationCode),
        new("Export.PaymentCode", r => r.PayCodeMasked),
        new("Export.HeldYuan", r => Yuan(r.HeldFen)),
        new("Export.HeldFen", r => r.HeldFen),
        new("Export.CompletedYuan", r => Yuan(r.Figures.CompletedFen)),
        new("Export.CompletedFen", r => r.Figures.CompletedFen),
        new("Export.CompletedAmountEstimated", r => r.Figures.CompletedFen is null ? null : r.CompletedFenEstimated),
        new("Export.ReleasedYuan", r => Yuan(r.Figures.ReleasedFen)),
        new("Export.ReleasedFen", r => r.Figures.ReleasedFen),
        new("Export.MerchantDiscountYuan", r => Yuan(r.Figures.MerchantDiscountFen)),
        new("Export.MerchantDiscountFen", r => r.Figures.MerchantDiscountFen),
        new("Export.OtherDiscountYuan", r => Yuan(r.Figures.OtherDiscountFen)),
        new("Export.OtherDiscountFen", r => r.Figures.OtherDiscountFen),
        new("Export.PaidCustomerYuan", r => Yuan(r.Figures.PaidFen)),
        new("Export.PaidCustomerFen", r => r.Figures.PaidFen),
        new("Export.TakenAtChinaTime", r => China(r.CreatedAt)),
        new("Export.Taken", r => r.CreatedByName),
        new("Export.FinalizedAtChinaTime", r => China(r.FinalizedAt)),
        new("Export.Finalized", r => r.FinalizedByName),
        new("Export.SettlementDate", r => r.SettlementDate),
        new("Export.SettlementDateEstimated", r => r.SettlementDate is null ? null : r.SettlementDateEstimated),
        new("Export.ExpiresAtChinaTime", r => China(r.ExpiresAt)),
        new("Export.NeedsAttention", r => r.NeedsAttention),
        new("Export.Wallet", r => r.ThirdPartyName),
        new("Export.Remark", r => r.MerchantRemark),
    ];

    public static IReadOnlyList<ExportColumn<Guarantees.Bulk.BulkItemRow>> BulkItems() =>
    [
        new("Export.HoldId", r => r.GuaranteeId),
        new("Export.MerchantOrderId", r => r.MerchantOrderId),
        new("Export.Store", r => r.StoreName),
        new("Export.AmountYuan", r => Yuan(r.AmountFen)),
        new("Export.AmountFen", r => r.AmountFen),
        new("Export.BulkItemState", r => r.State),
        new("Export.Reason", r => Phrase.Read(r.Problem)),
        new("Export.StatusNow", r => r.HoldStatus),
        new("Export.SentAtChinaTime", r => China(r.FinishedAt)),
    ];

    public static IReadOnlyList<ExportColumn<Handovers.OperatorShift>> Handover() =>
    [
        new("Export.Operator", r => r.Name),
        new("Export.TakenCount", r => r.Taken),
        new("Export.TakenFen", r => r.TakenFen),
        new("Export.CompletedCount", r => r.Completed),
        new("Export.CompletedFen", r => r.CompletedFen),
        new("Export.VoidedCount", r => r.Voided),
        new("Export.VoidedFen", r => r.VoidedFen),
        new("Export.OpenCount", r => r.Open),
        new("Export.OpenFen", r => r.OpenFen),
        new("Export.OldestOpenChinaTime", r => China(r.OldestOpen)),
        new("Export.NeedsAttention", r => r.NeedsAttention),
    ];

    public static IReadOnlyList<ExportColumn<SettlementHoldRow>> Settlements() =>
    [
        new("Export.SettlementDate", r => r.SettlementDate),
        new("Export.SettlementDateEstimated", r => r.SettlementDateEstimated),
        new("Export.Store", r => r.StoreName),
        new("Export.Terminal", r => r.TerminalCode),
        new("Export.HoldId", r => r.Id),
        new("Export.MerchantOrderId", r => r.MerchantOrderId),
        new("Export.GatewayOrderId", r => r.OrderId),
        new("Export.RetrievalReferenceNumber", r => r.RetrievalRefNum),
        new("Export.HeldYuan", r => Yuan(r.Figures.HeldFen)),
        new("Export.CompletedYuan", r => Yuan(r.Figures.CompletedFen)),
        new("Export.CompletedAmountEstimated", r => r.CompletedFenEstimated),
        new("Export.ReleasedYuan", r => Yuan(r.Figures.ReleasedFen)),
        new("Export.MerchantDiscountYuan", r => Yuan(r.Figures.MerchantDiscountFen)),
        new("Export.OtherDiscountYuan", r => Yuan(r.Figures.OtherDiscountFen)),
        new("Export.PaidCustomerYuan", r => Yuan(r.Figures.PaidFen)),
        new("Export.HeldFen", r => r.Figures.HeldFen),
        new("Export.CompletedFen", r => r.Figures.CompletedFen),
        new("Export.ReleasedFen", r => r.Figures.ReleasedFen),
        new("Export.MerchantDiscountFen", r => r.Figures.MerchantDiscountFen),
        new("Export.OtherDiscountFen", r => r.Figures.OtherDiscountFen),
        new("Export.PaidCustomerFen", r => r.Figures.PaidFen),
        new("Export.CompletedAtChinaTime", r => China(r.FinalizedAt)),
        new("Export.Completed", r => r.FinalizedByName),
        new("Export.Wallet", r => r.ThirdPartyName),
    ];

    public static IReadOnlyList<ExportColumn<DifferenceRow>> Differences() =>
    [
        new("Export.SettlementDate", r => r.SettlementDate),
        new("Export.Source", r => r.Source),
        new("Export.Kind", r => r.Kind),
        new("Export.WhichAmount", r => r.Field is null ? null : new Phrase("DifferenceField." + r.Field)),
        new("Export.Store", r => r.StoreName),
        new("Export.HoldId", r => r.GuaranteeId),
        new("Export.MerchantOrderId", r => r.MerchantOrderId),
        new("Export.GatewayOrderId", r => r.OrderId),
        new("Export.RetrievalReferenceNumber", r => r.RetrievalRefNum),
        new("Export.OurStatus", r => r.OurStatus),
        new("Export.TheirStatus", r => r.TheirStatus),
        new("Export.OursYuan", r => Yuan(r.OurFen)),
        new("Export.TheirsYuan", r => Yuan(r.TheirFen)),
        new("Export.OursFen", r => r.OurFen),
        new("Export.TheirsFen", r => r.TheirFen),
        new("Export.OurSettlementDate", r => r.OurDate),
        new("Export.TheirSettlementDate", r => r.TheirDate),
        new("Export.FoundAtChinaTime", r => China(r.FoundAt)),
        new("Export.State", r => r.State),
        new("Export.Resolved", r => r.ResolvedByName),
        new("Export.ResolvedAtChinaTime", r => China(r.ResolvedAt)),
        new("Export.Note", r => r.ResolutionNote),
    ];

}
