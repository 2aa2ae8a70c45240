using PosLink.Domain.Gateway.Messages;

namespace PosLink.Tests.Support;

/// <summary>A merchant/terminal pair with its own trace-number counter, and builders for its requests.</summary>
public sealed class TestTerminal(string merchantCode = "898310148160568", string terminalCode = "00000001", int lastTrace = 0)
{
    // A device sharing a terminal code with PosLink starts its counter far from PosLink's (the platform refuses a reused number).
    private int _trace = lastTrace;

    public string MerchantCode { get; } = merchantCode;
    public string TerminalCode { get; } = terminalCode;

    public string NextTrace() => (Interlocked.Increment(ref _trace) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public ActivateTerminalRequest Activate() => new() { MerchantCode = MerchantCode, TerminalCode = TerminalCode, SystemTraceNum = NextTrace() };

    public PreauthorizeRequest Preauthorize(long amount, string payCode = "134567890123456789", string? merchantOrderId = null, string? remark = null) => new()
    {
        MerchantCode = MerchantCode,
        TerminalCode = TerminalCode,
        SystemTraceNum = NextTrace(),
        TransactionAmount = amount,
        MerchantOrderId = merchantOrderId,
        MerchantRemark = remark,
        PayMode = PayMode.CodeScan,
        PayCode = payCode,
    };

    public CompleteAuthorizationRequest Complete(PreauthorizeRequest hold, PreauthorizeResponse answer, long amount) => new()
    {
        MerchantCode = MerchantCode,
        TerminalCode = TerminalCode,
        SystemTraceNum = NextTrace(),
        TransactionAmount = amount,
        AuthorizationCode = answer.AuthorizationCode!,
        OriginalTransactionDate = answer.TransactionDate!,
        OriginalSystemTraceNum = hold.SystemTraceNum,
    };

    public VoidAuthorizationRequest Void(PreauthorizeRequest hold, PreauthorizeResponse answer, long amount) => new()
    {
        MerchantCode = MerchantCode,
        TerminalCode = TerminalCode,
        SystemTraceNum = NextTrace(),
        TransactionAmount = amount,
        AuthorizationCode = answer.AuthorizationCode!,
        OriginalTransactionDate = answer.TransactionDate!,
        OriginalSystemTraceNum = hold.SystemTraceNum,
    };

    public QuickCompleteAuthorizationRequest QuickComplete(string orderId, long amount) => new()
    {
        MerchantCode = MerchantCode,
        TerminalCode = TerminalCode,
        SystemTraceNum = NextTrace(),
        TransactionAmount = amount,
        OrderId = orderId,
    };

    public QuickVoidAuthorizationRequest QuickVoid(string orderId, long amount) => new()
    {
        MerchantCode = MerchantCode,
        TerminalCode = TerminalCode,
        SystemTraceNum = NextTrace(),
        TransactionAmount = amount,
        OrderId = orderId,
    };

    public QueryRequest QueryByOrderId(string orderId) => new()
    {
        MerchantCode = MerchantCode,
        TerminalCode = TerminalCode,
        SystemTraceNum = NextTrace(),
        OriginalOrderId = orderId,
    };

    public QueryRequest QueryByTrace(string originalTrace) => new()
    {
        MerchantCode = MerchantCode,
        TerminalCode = TerminalCode,
        SystemTraceNum = NextTrace(),
        OriginalSystemTraceNum = originalTrace,
    };

    public QueryBySystemTraceNumRequest QueryBySystemTraceNum(string originalTrace) => new()
    {
        MerchantCode = MerchantCode,
        TerminalCode = TerminalCode,
        SystemTraceNum = NextTrace(),
        OriginalSystemTraceNum = originalTrace,
    };
}
