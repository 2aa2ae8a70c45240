using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Text;

namespace PosLink.Domain.Guarantees;

/// <summary>What a store manager enters to take a hold. The pay code is the customer's secret: it never leaves memory.</summary>
public sealed record TakeHold(int TerminalId, long AmountFen, PayMode PayMode, string PayCode, string? MerchantOrderId = null, string? MerchantRemark = null, string? AttachedData = null)
{
    public const int MaxMerchantOrderIdLength = 50;
    public const int MaxRemarkLength = 30;
    public const int MaxAttachedDataLength = 256;

    public override string ToString() =>
        $"TakeHold {{ TerminalId = {TerminalId}, AmountFen = {AmountFen}, PayMode = {PayMode}, PayCode = {PayCodeMask.Mask(PayCode)} }}";

    /// <summary>The first rule the input breaks, or null. Checked before anything is read or written.</summary>
    public Problem? Check(GuaranteeOptions options)
    {
        if (AmountFen <= 0)
        {
            return Problem.Invalid("amount", $"金额必须大于0（收到 {Money.Yuan(AmountFen)}）", $"The amount must be more than zero (got {Money.Yuan(AmountFen)}).");
        }
        if (AmountFen > options.MaxAmountFen)
        {
            return Problem.Invalid("amount", $"金额不能超过{Money.Yuan(options.MaxAmountFen)}（收到 {Money.Yuan(AmountFen)}）",
                $"The amount may not exceed {Money.Yuan(options.MaxAmountFen)} (got {Money.Yuan(AmountFen)}).");
        }
        if (!Enum.IsDefined(PayMode))
        {
            return Problem.Invalid("payMode", $"未知的支付方式（{(int)PayMode}）", $"Unknown pay mode ({(int)PayMode}).");
        }
        // The code itself is never echoed: only its length.
        if (PayCode is null || PayCode.Length is < 10 or > 32 || !PayCode.All(char.IsAsciiDigit))
        {
            return Problem.Invalid("payCode", $"付款码必须为10至32位数字（收到{PayCode?.Length ?? 0}个字符）",
                $"The payment code must be 10 to 32 digits (got {PayCode?.Length ?? 0} characters).");
        }
        if (MerchantOrderId is not null && MerchantOrderId.Trim().Length == 0)
        {
            return Problem.Invalid("merchantOrderId", "商户订单号不能为空白", "The merchant order id may not be blank.");
        }
        return TextRules.Check("merchantOrderId", "商户订单号", "merchant order id", MerchantOrderId, MaxMerchantOrderIdLength)
               ?? TextRules.Check("merchantRemark", "备注", "remark", MerchantRemark, MaxRemarkLength)
               ?? TextRules.Check("attachedData", "附加信息", "attached data", AttachedData, MaxAttachedDataLength);
    }
}
