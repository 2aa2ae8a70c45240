using PosLink.Domain.Gateway.Messages;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// Which fields of a status query's answer PosLink reads for which figure, defined once. The spec's answer carries
/// originalAmount (原终端上送金额: what the terminal sent with the 担保), actualTransactionAmount (营销联盟优惠后交易金额:
/// after marketing discounts), amount (用户实际支付金额: what the customer paid) and the two discounts; no field plainly
/// says "completed". So these are evidence: reconciliation compares them with ours, and a hold adopts them only where it
/// has no figure of its own (a completion made elsewhere), marked estimated.
/// </summary>
public static class QueryAmounts
{
    /// <summary>What was held: originalAmount, the amount the 担保 was sent with.</summary>
    public static long? Held(TransactionQueryResponse answer) => answer.OriginalAmount;

    /// <summary>
    /// What was completed, estimated: actualTransactionAmount (the amount transacted, which after a completion is the
    /// completion's), else what the customer paid plus the discounts that covered the rest (the inverse of
    /// <see cref="HoldFigures.Paid"/>). Null when the answer carries neither.
    /// </summary>
    public static long? Completed(TransactionQueryResponse answer) => answer.ActualTransactionAmount
        ?? (answer.Amount is { } paid ? paid + (answer.ThirdPartyMerchantDiscountAmount ?? 0) + (answer.ThirdPartyOtherDiscountAmount ?? 0) : null);
}
