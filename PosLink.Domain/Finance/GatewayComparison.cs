using PosLink.Domain.Guarantees;

namespace PosLink.Domain.Finance;

/// <summary>What comparing a settled hold with the gateway's answer came to.</summary>
/// <param name="Usable">The answer said clearly where the hold stands (else the hold counts as not checked).</param>
/// <param name="Finding">The disagreement, or null when both sides agree.</param>
public readonly record struct Comparison(bool Usable, DifferenceFinding? Finding);

/// <summary>
/// Compares a settled hold (completed, voided, or failed by a person's word) with a query's answer about it. Only what the answer says counts: a field it
/// leaves out is not a disagreement. The state comes first; amounts are compared only when the states agree.
/// </summary>
public static class GatewayComparison
{
    public static Comparison Compare(Guarantee ours, int merchantId, QueryEvidence evidence)
    {
        if (evidence.NotFound)
        {
            // A failed hold left nothing at the platform: not finding it is agreement.
            return ours.Status == GuaranteeStatus.Failed ? new(true, null) : new(true, Finding(ours, merchantId, DifferenceKind.UnknownToGateway));
        }
        if (evidence.Status is not { } secure)
        {
            return new(false, null);
        }
        var response = evidence.Response!;
        var theirs = GuaranteeStatuses.FromQuery(secure);
        var theirCompleted = QueryAmounts.Completed(response);
        // The platform may still be booking a completion (正在完成担保): that agrees with a completed hold.
        var agree = ours.Status == theirs || (ours.Status == GuaranteeStatus.Completed && theirs == GuaranteeStatus.Completing);
        if (!agree)
        {
            return new(true, Finding(ours, merchantId, DifferenceKind.StatusMismatch) with
            {
                TheirStatus = theirs,
                OurFen = ours.CompletedFen,
                TheirFen = theirs is GuaranteeStatus.Completed or GuaranteeStatus.Completing ? theirCompleted : null,
            });
        }
        if (ours.Status != GuaranteeStatus.Completed)
        {
            return new(true, null);
        }
        var apart = Apart(theirCompleted, ours.CompletedFen ?? 0, DifferenceFields.Completed)
                    ?? Apart(QueryAmounts.Held(response), ours.HeldFen, DifferenceFields.Held)
                    ?? Apart(response.ThirdPartyMerchantDiscountAmount, ours.MerchantDiscountFen, DifferenceFields.MerchantDiscount)
                    ?? Apart(response.ThirdPartyOtherDiscountAmount, ours.OtherDiscountFen, DifferenceFields.OtherDiscount);
        return apart is var (field, our, their)
            ? new(true, Finding(ours, merchantId, DifferenceKind.AmountMismatch) with { TheirStatus = theirs, Field = field, OurFen = our, TheirFen = their })
            : new(true, null);
    }

    private static (string Field, long Ours, long Theirs)? Apart(long? theirs, long ours, string field) =>
        theirs is { } t && t != ours ? (field, ours, t) : null;

    private static DifferenceFinding Finding(Guarantee ours, int merchantId, DifferenceKind kind) =>
        new(kind, merchantId, ours.StoreId, ours.Id, ours.OrderId, ours.FinalRetrievalRefNum ?? ours.RetrievalRefNum, OurStatus: ours.Status);
}
