using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Time;

namespace PosLink.Web.Sandbox;

public sealed partial class SandboxGateway
{
    private const string BatchNo = "000001";

    private Execution QueryBySystemTraceNum(SandboxRequest request)
    {
        var originalTrace = request.Digits("originalSystemTraceNum", 6);
        var lifetime = TimeSpan.FromDays(options.CurrentValue.HoldLifetimeDays);
        return async (db, now) =>
        {
            if (await FindByTraceAsync(db, request, originalTrace, now) is not { } transaction)
            {
                return NotFound($"originalSystemTraceNum {originalTrace}");
            }
            Settle(transaction.Hold!, now, lifetime);
            return SandboxAnswer.Approved(QueryFields(transaction));
        };
    }

    private Execution Query(SandboxRequest request)
    {
        var orderId = request.Optional("originalOrderId");
        var originalTrace = request.OptionalDigits("originalSystemTraceNum", 6);
        if (string.IsNullOrEmpty(orderId) && originalTrace is null)
        {
            throw SandboxRejectionException.Field("originalOrderId", "与originalSystemTraceNum至少填写一个");
        }
        var lifetime = TimeSpan.FromDays(options.CurrentValue.HoldLifetimeDays);
        return async (db, now) =>
        {
            // The orderId wins when both are present (spec 1.9); it finds a hold taken on any terminal of the merchant.
            var transaction = !string.IsNullOrEmpty(orderId)
                ? await db.Transactions.Include(t => t.Hold)
                    .Where(t => t.Hold!.OrderId == orderId && t.Hold.MerchantCode == request.MerchantCode && t.DealType == "PREAUTH")
                    .FirstOrDefaultAsync()
                : await FindByTraceAsync(db, request, originalTrace!, now);
            if (transaction is null)
            {
                return NotFound(!string.IsNullOrEmpty(orderId) ? $"orderId {orderId}" : $"originalSystemTraceNum {originalTrace}");
            }

            var hold = transaction.Hold!;
            Settle(hold, now, lifetime);
            var fields = QueryFields(transaction);
            if (hold.BuyerPaysAt is not null)
            {
                fields["autoQueryFlag"] = "Y";
                fields["status"] = "WAIT_BUYER_PAY";
                fields["targetStatus"] = "WAIT_BUYER_PAY";
            }
            else
            {
                var status = hold.CompletionSettlesAt is not null ? SecureStatus.Completing : hold.Status;
                fields["secureStatus"] = (int)status;
                fields["status"] = status is SecureStatus.Voided or SecureStatus.Failed ? "TRADE_CLOSED" : "TRADE_SUCCESS";
                fields["targetStatus"] = fields["status"]!.GetValue<string>();
                if (status == SecureStatus.Failed)
                {
                    fields["netpayErrMsg"] = "用户未完成支付，交易关闭";
                }
            }
            return SandboxAnswer.Approved(fields);
        };
    }

    /// <summary>The transaction on this terminal with that trace number today (China time): trace numbers are unique only within a trade day.</summary>
    private static Task<SandboxTransaction?> FindByTraceAsync(SandboxDbContext db, SandboxRequest request, string trace, DateTimeOffset now)
    {
        var today = ChinaTime.TradeDate(now);
        return db.Transactions.Include(t => t.Hold)
            .Where(t => t.MerchantCode == request.MerchantCode && t.TerminalCode == request.TerminalCode && t.SystemTraceNum == trace && t.TradeDate == today)
            .OrderByDescending(t => t.Id)
            .FirstOrDefaultAsync();
    }

    /// <summary>"Not found" as the spec shapes a query's answer: the query itself succeeded (00), its result did not (queryResCode 1).</summary>
    private static SandboxAnswer NotFound(string what) => SandboxAnswer.Approved(new JsonObject
    {
        ["errInfo"] = $"查无此交易：{what}",
        ["queryResCode"] = "1",
    });

    /// <summary>The fields both queries answer. Amounts the spec types as 字符串 go out as strings, as the platform sends them.</summary>
    private static JsonObject QueryFields(SandboxTransaction transaction)
    {
        var hold = transaction.Hold!;
        return new JsonObject
        {
            ["queryResCode"] = "0",
            ["payCode"] = hold.PayCodeMasked,
            ["dealDate"] = ChinaTime.MonthDay(transaction.At),
            ["dealTime"] = ChinaTime.TimeOfDay(transaction.At),
            ["originalAmount"] = transaction.Amount.ToString(CultureInfo.InvariantCulture),
            ["dealType"] = transaction.DealType,
            ["dealSystemTraceNum"] = transaction.SystemTraceNum,
            ["dealRetrievalRefNum"] = transaction.RetrievalRefNum,
            ["batchNo"] = BatchNo,
            ["authorizationCode"] = hold.AuthorizationCode,
            // After a completion, the amount actually transacted is the completed one (a partial completion, or one made elsewhere).
            ["actualTransactionAmount"] = (hold.Status == SecureStatus.Completed && hold.CompletedAmount is { } completed ? completed : hold.PaidAmount).ToString(CultureInfo.InvariantCulture),
            ["amount"] = hold.PaidNow.ToString(CultureInfo.InvariantCulture),
            ["orderId"] = hold.OrderId,
            ["thirdPartyName"] = hold.ThirdPartyName,
            ["thirdPartyBuyerId"] = "sandbox-buyer-" + hold.PayCodeMasked[^4..],
            ["thirdPartyMerchantDiscountAmount"] = hold.MerchantDiscountAmount,
            ["thirdPartyOtherDiscountAmount"] = hold.OtherDiscountAmount,
        };
    }
}
