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
            return Problem.Invalid("amount", "Problem.AmountMustMoreThanZero", Money.Yuan(AmountFen));
        }
        if (AmountFen > options.MaxAmountFen)
        {
            return Problem.Invalid("amount", "Problem.AmountMayNotExceedGot", Money.Yuan(options.MaxAmountFen), Money.Yuan(AmountFen));
        }
        if (!Enum.IsDefined(PayMode))
        {
            return Problem.Invalid("payMode", "Problem.UnknownPayMode", (int)PayMode);
        }
        // The code itself is never echoed: only its length.
        if (PayCode is null || PayCode.Length is < 10 or > 32 || !PayCode.All(char.IsAsciiDigit))
        {
            return Problem.Invalid("payCode", "Problem.PaymentCodeMust1032", PayCode?.Length ?? 0);
        }
        if (MerchantOrderId is not null && MerchantOrderId.Trim().Length == 0)
        {
            return Problem.Invalid("merchantOrderId", "Problem.MerchantOrderIdMayNot");
        }
        return TextRules.Check("merchantOrderId", new Phrase("Field.MerchantOrderId"), MerchantOrderId, MaxMerchantOrderIdLength)
               ?? TextRules.Check("merchantRemark", new Phrase("Field.Remark"), MerchantRemark, MaxRemarkLength)
               ?? TextRules.Check("attachedData", new Phrase("Field.AttachedData"), AttachedData, MaxAttachedDataLength);
    }
}
