using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Time;

namespace PosLink.Web.Sandbox;

public sealed partial class SandboxGateway
{
    private enum FinalizeKind { Complete, Void, QuickComplete, QuickVoid }

    private Execution Preauthorize(SandboxRequest request)
    {
        var amount = request.PositiveAmount("transactionAmount");
        request.RequireCurrency();
        var merchantOrderId = request.OptionalMaxLength("merchantOrderId", 50);
        var remark = request.OptionalMaxLength("merchantRemark", 30);
        var payMode = request.PayMode();
        var payCode = request.PayCode();
        request.Optional("attachedData");
        var pending = TimeSpan.FromSeconds(options.CurrentValue.PendingSeconds);
        var slow = TimeSpan.FromSeconds(options.CurrentValue.SlowResponseSeconds);

        return async (db, now) =>
        {
            if (merchantOrderId is not null && await db.Holds.AnyAsync(h => h.MerchantOrderId == merchantOrderId))
            {
                throw new SandboxRejectionException("94", $"重复交易：merchantOrderId {merchantOrderId}已使用");
            }
            var script = SandboxScripts.For(payCode);
            var discounted = script == SandboxScript.ApproveWithDiscounts;
            var hold = new SandboxHold
            {
                OrderId = merchantOrderId is null ? NewOrderId(now) : OrderIdFor(request.MerchantCode, merchantOrderId),
                MerchantCode = request.MerchantCode,
                TerminalCode = request.TerminalCode,
                SystemTraceNum = request.SystemTraceNum,
                TradeDate = ChinaTime.TradeDate(now),
                AuthorizedAt = now,
                AuthorizationCode = RandomDigits(6),
                RetrievalRefNum = RandomDigits(12),
                MerchantOrderId = merchantOrderId,
                MerchantRemark = remark,
                PayMode = payMode,
                PayCodeMasked = PayCodeMask.Mask(payCode),
                ThirdPartyName = ThirdPartyFor(payCode),
                Script = script,
                TransactionAmount = amount,
                // 0088: the merchant funds 10 % and a third party 5 %, floored to whole fen.
                MerchantDiscountAmount = discounted ? amount / 10 : 0,
                OtherDiscountAmount = discounted ? amount / 20 : 0,
                Status = SecureStatus.Held,
                BuyerPaysAt = script is SandboxScript.WaitForBuyerThenHeld or SandboxScript.WaitForBuyerThenFailed ? now + pending : null,
            };
            // A declined 担保 leaves nothing behind: a query finds no such transaction.
            if (script.DeclineCode() is { } declined)
            {
                return SandboxAnswer.Error(declined, ResponseCodes.Find(declined)!.SpecText);
            }
            db.Holds.Add(hold);
            db.Transactions.Add(TransactionOf(hold, "PREAUTH", hold.SystemTraceNum, amount, hold.RetrievalRefNum, now));
            if (script == SandboxScript.SystemMalfunctionButHeld)
            {
                return SandboxAnswer.Error("96", "系统异常");
            }
            var fields = HoldFields(hold, now);
            if (hold.BuyerPaysAt is not null)
            {
                fields["autoQueryFlag"] = "Y";
            }
            return SandboxAnswer.Approved(fields, script == SandboxScript.SlowAnswerButHeld ? slow : TimeSpan.Zero);
        };
    }

    private Execution Finalize(SandboxRequest request, FinalizeKind kind)
    {
        var quick = kind is FinalizeKind.QuickComplete or FinalizeKind.QuickVoid;
        var amount = request.PositiveAmount("transactionAmount");
        request.RequireCurrency();
        var authorizationCode = quick ? null : request.Required("authorizationCode");
        var orderId = quick ? request.Required("orderId") : null;
        var originalDate = quick ? request.OptionalMonthDay("originalTransactionDate") : request.MonthDay("originalTransactionDate");
        var originalTrace = quick ? request.OptionalDigits("originalSystemTraceNum", 6) : request.Digits("originalSystemTraceNum", 6);
        var completes = kind is FinalizeKind.Complete or FinalizeKind.QuickComplete;
        var pending = TimeSpan.FromSeconds(options.CurrentValue.PendingSeconds);
        var slow = TimeSpan.FromSeconds(options.CurrentValue.SlowResponseSeconds);
        var lifetime = TimeSpan.FromDays(options.CurrentValue.HoldLifetimeDays);

        return async (db, now) =>
        {
            var hold = quick
                ? await db.Holds.SingleOrDefaultAsync(h => h.OrderId == orderId && h.MerchantCode == request.MerchantCode)
                : (await db.Holds
                    .Where(h => h.MerchantCode == request.MerchantCode && h.TerminalCode == request.TerminalCode && h.SystemTraceNum == originalTrace)
                    .ToListAsync())
                    .Where(h => ChinaTime.MonthDay(h.TradeDate) == originalDate)
                    .OrderByDescending(h => h.Id)
                    .FirstOrDefault();
            if (hold is null)
            {
                throw new SandboxRejectionException("25", quick ? $"找不到原始交易：orderId {orderId}" : "找不到原始交易：originalSystemTraceNum与originalTransactionDate无匹配");
            }
            if (quick && hold.TerminalCode != request.TerminalCode)
            {
                // By orderId the platform finds the hold anywhere, but only its own terminal may finalize it.
                throw new SandboxRejectionException("58", $"不允许终端进行的交易：订单{orderId}不是终端{request.TerminalCode}的交易");
            }
            if ((authorizationCode is not null && authorizationCode != hold.AuthorizationCode) ||
                (originalTrace is not null && originalTrace != hold.SystemTraceNum) ||
                (originalDate is not null && originalDate != ChinaTime.MonthDay(hold.TradeDate)))
            {
                throw new SandboxRejectionException("25", "找不到原始交易：authorizationCode、originalTransactionDate或originalSystemTraceNum与原交易不符");
            }

            Settle(hold, now, lifetime);
            if (hold.BuyerPaysAt is not null)
            {
                throw new SandboxRejectionException("12", "无效交易：担保尚未成功，请稍后查询");
            }
            if (hold.Status != SecureStatus.Held)
            {
                throw new SandboxRejectionException("22", hold.Status switch
                {
                    SecureStatus.Completed => "关联交易错误：原交易已完成",
                    SecureStatus.Voided => "关联交易错误：原交易已撤销",
                    _ => "关联交易错误：原交易失败",
                });
            }
            if (completes && amount > hold.TransactionAmount)
            {
                throw new SandboxRejectionException("13", $"无效金额：完成金额{amount}分超过担保金额{hold.TransactionAmount}分");
            }
            if (!completes && amount != hold.TransactionAmount)
            {
                throw new SandboxRejectionException("64", $"原始金额错误：撤销金额{amount}分必须等于担保金额{hold.TransactionAmount}分");
            }

            var late = completes && hold.Script == SandboxScript.LateCompletion;
            if (late)
            {
                // 0091: the completion is carried out only after the client's timeout, and its answer comes later still.
                hold.LateCompletionAt = now + slow;
                hold.CompletedAmount = amount;
            }
            else
            {
                hold.Status = completes ? SecureStatus.Completed : SecureStatus.Voided;
            }
            if (completes && !late)
            {
                hold.CompletedAmount = amount;
                hold.CompletionSettlesAt = hold.Script == SandboxScript.SlowCompletion ? now + pending : null;
            }
            var retrievalRefNum = RandomDigits(12);
            db.Transactions.Add(TransactionOf(hold, DealTypeOf(kind), request.SystemTraceNum, amount, retrievalRefNum, now, request.TerminalCode));

            var fields = new JsonObject
            {
                ["transactionTime"] = ChinaTime.TimeOfDay(now),
                ["transactionDate"] = ChinaTime.MonthDay(now),
                ["settlementDate"] = SettlementDate(now),
                ["retrievalRefNum"] = retrievalRefNum,
            };
            if (kind == FinalizeKind.QuickComplete)
            {
                fields["actualTransactionAmount"] = amount;
            }
            else
            {
                fields["thirdPartyName"] = hold.ThirdPartyName;
            }
            return SandboxAnswer.Approved(fields, late ? slow + TimeSpan.FromSeconds(1) : TimeSpan.Zero);
        };
    }

    /// <summary>
    /// Moves a hold on once its scripted wait is over (the customer paid or not, a completion settled or was carried
    /// out late), and releases a hold still held past its lifetime, as the platform does.
    /// </summary>
    private static void Settle(SandboxHold hold, DateTimeOffset now, TimeSpan lifetime)
    {
        if (hold.BuyerPaysAt <= now)
        {
            hold.BuyerPaysAt = null;
            if (hold.Script == SandboxScript.WaitForBuyerThenFailed)
            {
                hold.Status = SecureStatus.Failed;
            }
        }
        if (hold.CompletionSettlesAt <= now)
        {
            hold.CompletionSettlesAt = null;
        }
        if (hold.LateCompletionAt <= now && hold.Status == SecureStatus.Held)
        {
            hold.LateCompletionAt = null;
            hold.Status = SecureStatus.Completed;
        }
        if (hold.Status == SecureStatus.Held && hold.BuyerPaysAt is null && hold.LateCompletionAt is null && now >= hold.AuthorizedAt + lifetime)
        {
            hold.Status = SecureStatus.Voided;
        }
    }

    private static JsonObject HoldFields(SandboxHold hold, DateTimeOffset now) => new()
    {
        ["transactionTime"] = ChinaTime.TimeOfDay(hold.AuthorizedAt),
        ["transactionDate"] = ChinaTime.MonthDay(hold.AuthorizedAt),
        ["settlementDate"] = SettlementDate(now),
        ["retrievalRefNum"] = hold.RetrievalRefNum,
        ["authorizationCode"] = hold.AuthorizationCode,
        ["actualTransactionAmount"] = hold.PaidAmount,
        ["amount"] = hold.PaidAmount,
        ["orderId"] = hold.OrderId,
        ["thirdPartyDiscountInstruction"] = hold.MerchantDiscountAmount + hold.OtherDiscountAmount > 0
            ? $"商户优惠{hold.MerchantDiscountAmount}分，其他优惠{hold.OtherDiscountAmount}分"
            : null,
        ["thirdPartyName"] = hold.ThirdPartyName,
        ["thirdPartyBuyerId"] = "sandbox-buyer-" + hold.PayCodeMasked[^4..],
        ["transactionAmount"] = hold.TransactionAmount,
        ["thirdPartyMerchantDiscountAmount"] = hold.MerchantDiscountAmount,
        ["thirdPartyOtherDiscountAmount"] = hold.OtherDiscountAmount,
    };

    private static SandboxTransaction TransactionOf(SandboxHold hold, string dealType, string trace, long amount, string retrievalRefNum, DateTimeOffset now, string? terminalCode = null) => new()
    {
        MerchantCode = hold.MerchantCode,
        TerminalCode = terminalCode ?? hold.TerminalCode,
        TradeDate = ChinaTime.TradeDate(now),
        SystemTraceNum = trace,
        DealType = dealType,
        HoldId = hold.Id,
        Hold = hold,
        Amount = amount,
        RetrievalRefNum = retrievalRefNum,
        At = now,
    };

    private static string DealTypeOf(FinalizeKind kind) => kind switch
    {
        FinalizeKind.Complete => "PREAUTH_COMPLETE",
        FinalizeKind.Void => "PREAUTH_VOID",
        FinalizeKind.QuickComplete => "PREAUTH_QUICK_COMPLETE",
        _ => "PREAUTH_QUICK_VOID",
    };

    /// <summary>The wallet a payment code belongs to, by its prefix as the wallets publish them.</summary>
    private static string ThirdPartyFor(string payCode) => payCode[..2] switch
    {
        "10" or "11" or "12" or "13" or "14" or "15" => "微信支付",
        "25" or "26" or "27" or "28" or "29" or "30" => "支付宝",
        "62" => "云闪付",
        _ => "银联",
    };
}
