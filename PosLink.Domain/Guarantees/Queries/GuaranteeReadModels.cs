using PosLink.Domain.Audit;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// A hold as its page shows it: everything a person reads, nothing they could change through it. Its money is
/// <see cref="Figures"/>; <see cref="CompletionFen"/> is the amount of the completion in flight or done.
/// </summary>
public sealed record GuaranteeView(
    long Id, GuaranteeStatus Status, int StoreId, long HeldFen, long? CompletionFen, bool CompletedFenEstimated, long MerchantDiscountFen, long OtherDiscountFen,
    string? DiscountInstruction, string PayCodeMasked, PayMode? PayMode, string? ThirdPartyName, string? MerchantRemark, string? MerchantOrderId,
    string? OrderId, string? AuthorizationCode, string? SystemTraceNum, DateOnly? TradeDate, string? RetrievalRefNum, string? FinalRetrievalRefNum,
    DateTimeOffset CreatedAt, string CreatedByName, DateTimeOffset? FinalizedAt, string? FinalizedByName, DateOnly? SettlementDate,
    bool SettlementDateEstimated, DateTimeOffset ExpiresAt, bool ExpiringSoon, bool NeedsAttention, string? AttentionReason, string? LastErrCode, string? LastErrInfo,
    bool Imported, bool InFlight, DateTimeOffset? AuthorizedAt, int TerminalId, long? DepositId)
{
    public HoldFigures Figures => HoldFigures.Of(Status, HeldFen, CompletionFen, MerchantDiscountFen, OtherDiscountFen);
}

/// <summary>One gateway request as the ledger shows it.</summary>
public sealed record OperationRow(
    long Id, long? GuaranteeId, DateTimeOffset CreatedAt, GatewayEndpoint Endpoint, string SystemTraceNum, long? AmountFen, string? ErrCode, string? ErrInfo,
    UnansweredReason? UnansweredReason, OperationOutcome Outcome, string? SettledNote, string ActorName);

/// <summary>A hold with everything that happened to it.</summary>
public sealed record GuaranteeDetail(GuaranteeView Hold, string StoreName, string TerminalCode, string MerchantCode,
    IReadOnlyList<OperationRow> Operations, IReadOnlyList<AuditRow> Audit);

/// <summary>A hold on the needs-attention list: why, and what the ledger says.</summary>
public sealed record AttentionItem(GuaranteeView Hold, string StoreName, string TerminalCode, IReadOnlyList<OperationRow> Operations);

/// <summary>
/// What the customer's slip shows of a hold: where, how much, when, the platform's references and who acted; the pay
/// code only as the hold keeps it, masked. Its money is <see cref="Figures"/>.
/// </summary>
public sealed record HoldSlip(
    long Id, GuaranteeStatus Status, string StoreName, string TerminalCode, long HeldFen, long? CompletionFen, long MerchantDiscountFen, long OtherDiscountFen,
    string? MerchantOrderId, string? OrderId, string? RetrievalRefNum, string? FinalRetrievalRefNum, string PayCodeMasked,
    DateTimeOffset CreatedAt, DateTimeOffset? AuthorizedAt, DateTimeOffset? FinalizedAt, string CreatedByName, string? FinalizedByName, bool Imported)
{
    public HoldFigures Figures => HoldFigures.Of(Status, HeldFen, CompletionFen, MerchantDiscountFen, OtherDiscountFen);
}

public static class GuaranteeProjections
{
    public static readonly System.Linq.Expressions.Expression<Func<Guarantee, GuaranteeView>> View = g => new GuaranteeView(
        g.Id, g.Status, g.StoreId, g.HeldFen, g.CompletedFen, g.CompletedFenEstimated, g.MerchantDiscountFen, g.OtherDiscountFen,
        g.DiscountInstruction, g.PayCodeMasked, g.PayMode, g.ThirdPartyName, g.MerchantRemark, g.MerchantOrderId,
        g.OrderId, g.AuthorizationCode, g.SystemTraceNum, g.TradeDate, g.RetrievalRefNum, g.FinalRetrievalRefNum,
        g.CreatedAt, g.CreatedByName, g.FinalizedAt, g.FinalizedByName, g.SettlementDate,
        g.SettlementDateEstimated, g.ExpiresAt, g.ExpiringSoon, g.NeedsAttention, g.AttentionReason, g.LastErrCode, g.LastErrInfo,
        g.Imported, g.Status.IsInFlight(), g.AuthorizedAt, g.TerminalId, g.DepositId);

    public static readonly System.Linq.Expressions.Expression<Func<GatewayOperation, OperationRow>> Operation = o => new OperationRow(
        o.Id, o.GuaranteeId, o.CreatedAt, o.Endpoint, o.SystemTraceNum, o.AmountFen, o.ErrCode, o.ErrInfo, o.UnansweredReason, o.Outcome, o.SettledNote, o.ActorName);
}
