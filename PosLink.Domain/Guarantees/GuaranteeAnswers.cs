using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

/// <summary>Copies what the gateway said about a hold onto it. Dates come without a year and are resolved against the request time.</summary>
public static class GuaranteeAnswers
{
    /// <summary>The identity and amounts a 担保 answer carries; kept even when the outcome is still unknown (autoQueryFlag Y).</summary>
    public static void ApplyPreauthorize(Guarantee g, PreauthorizeResponse r, DateTimeOffset sentAt)
    {
        g.OrderId = r.OrderId ?? g.OrderId;
        g.AuthorizationCode = r.AuthorizationCode ?? g.AuthorizationCode;
        g.RetrievalRefNum = r.RetrievalRefNum ?? g.RetrievalRefNum;
        if (ChinaTime.TryResolveMonthDay(r.TransactionDate, sentAt, out var date))
        {
            g.TradeDate = date;
            if (ChinaTime.TryCombine(date, r.TransactionTime, out var at))
            {
                g.AuthorizedAt = at;
            }
        }
        g.PaidFen = r.Amount ?? g.PaidFen;
        g.ActualTransactionFen = r.ActualTransactionAmount ?? g.ActualTransactionFen;
        g.MerchantDiscountFen = r.ThirdPartyMerchantDiscountAmount ?? g.MerchantDiscountFen;
        g.OtherDiscountFen = r.ThirdPartyOtherDiscountAmount ?? g.OtherDiscountFen;
        g.DiscountInstruction = r.ThirdPartyDiscountInstruction ?? r.MarketingAllianceDiscountInstruction ?? g.DiscountInstruction;
        g.ThirdPartyName = r.ThirdPartyName ?? g.ThirdPartyName;
    }

    /// <summary>A completion's or void's answer: when it happened and the settlement date.</summary>
    public static void ApplyFinalize(Guarantee g, FinalizeAuthorizationResponse r, DateTimeOffset sentAt, DateTimeOffset now)
    {
        g.FinalizedAt = now;
        if (ChinaTime.TryResolveMonthDay(r.TransactionDate, sentAt, out var date) && ChinaTime.TryCombine(date, r.TransactionTime, out var at))
        {
            g.FinalizedAt = at;
        }
        if (ChinaTime.TryResolveMonthDay(r.SettlementDate, sentAt, out var settlement))
        {
            g.SettlementDate = settlement;
        }
        g.FinalRetrievalRefNum = r.RetrievalRefNum ?? g.FinalRetrievalRefNum;
        g.ThirdPartyName = r switch
        {
            CompleteAuthorizationResponse c => c.ThirdPartyName,
            VoidAuthorizationResponse v => v.ThirdPartyName,
            QuickVoidAuthorizationResponse q => q.ThirdPartyName,
            _ => null,
        } ?? g.ThirdPartyName;
    }

    /// <summary>What a status query tells about the hold itself (the deal it describes may be the hold or its completion).</summary>
    public static void ApplyQuery(Guarantee g, TransactionQueryResponse r, DateTimeOffset sentAt)
    {
        g.OrderId ??= r.OrderId;
        g.AuthorizationCode ??= r.AuthorizationCode;
        g.PaidFen = r.Amount ?? g.PaidFen;
        g.ActualTransactionFen = r.ActualTransactionAmount ?? g.ActualTransactionFen;
        g.MerchantDiscountFen = r.ThirdPartyMerchantDiscountAmount ?? g.MerchantDiscountFen;
        g.OtherDiscountFen = r.ThirdPartyOtherDiscountAmount ?? g.OtherDiscountFen;
        g.ThirdPartyName ??= r.ThirdPartyName;
        if (g.TradeDate is null && r.DealSystemTraceNum == g.SystemTraceNum && ChinaTime.TryResolveMonthDay(r.DealDate, sentAt, out var date))
        {
            g.TradeDate = date;
        }
    }

    /// <summary>The originals a completion or void of this hold cites, or null when it must go by orderId.</summary>
    public static bool UsesQuickEndpoints(Guarantee g) => g.Imported || !g.OriginalsKnown;

    public static GatewayEndpoint CompleteEndpoint(Guarantee g) =>
        UsesQuickEndpoints(g) ? GatewayEndpoint.QuickCompleteAuthorization : GatewayEndpoint.CompleteAuthorization;

    public static GatewayEndpoint VoidEndpoint(Guarantee g) =>
        UsesQuickEndpoints(g) ? GatewayEndpoint.QuickVoidAuthorization : GatewayEndpoint.VoidAuthorization;
}
