namespace PosLink.Domain.Gateway.Messages;

// Requests are flat records whose properties are declared in the spec's order: System.Text.Json writes
// them in declaration order, which keeps the signed bytes readable next to the spec.

/// <summary>1.1 激活终端 (activeterminal).</summary>
public sealed record ActivateTerminalRequest : IGatewayRequest
{
    public required string MerchantCode { get; init; }
    public required string TerminalCode { get; init; }
    public required string SystemTraceNum { get; init; }
}

/// <summary>1.2 担保 (preauthorize): take a hold on the customer's funds by their payment code.</summary>
public sealed record PreauthorizeRequest : IGatewayRequest
{
    public required string MerchantCode { get; init; }
    public required string TerminalCode { get; init; }
    public required string SystemTraceNum { get; init; }

    /// <summary>交易金额, fen.</summary>
    public required long TransactionAmount { get; init; }
    public string TransactionCurrencyCode { get; init; } = CurrencyCodes.Cny;

    /// <summary>商户订单号: globally unique, at most 50 characters.</summary>
    public string? MerchantOrderId { get; init; }

    /// <summary>商户备注: at most 30 characters.</summary>
    public string? MerchantRemark { get; init; }
    public required PayMode PayMode { get; init; }

    /// <summary>支付码: the customer's code; a secret that is masked everywhere but on the wire.</summary>
    public required string PayCode { get; init; }
    public string? AttachedData { get; init; }

    /// <summary>Keeps the payment code out of logs and exceptions that print the record.</summary>
    public override string ToString() =>
        $"PreauthorizeRequest {{ MerchantCode = {MerchantCode}, TerminalCode = {TerminalCode}, SystemTraceNum = {SystemTraceNum}, TransactionAmount = {TransactionAmount}, PayMode = {PayMode}, PayCode = {PayCodeMask.Mask(PayCode)} }}";
}

/// <summary>1.4 担保完成 (completeauthorization): capture up to the held amount, citing the original hold.</summary>
public sealed record CompleteAuthorizationRequest : IGatewayRequest
{
    public required string MerchantCode { get; init; }
    public required string TerminalCode { get; init; }
    public required string SystemTraceNum { get; init; }
    public required long TransactionAmount { get; init; }
    public string TransactionCurrencyCode { get; init; } = CurrencyCodes.Cny;
    public required string AuthorizationCode { get; init; }

    /// <summary>原交易日期, <c>MMdd</c> as the hold's answer gave it.</summary>
    public required string OriginalTransactionDate { get; init; }
    public required string OriginalSystemTraceNum { get; init; }
}

/// <summary>1.5 担保撤销 (voidauthorization): release the hold, citing the original hold.</summary>
public sealed record VoidAuthorizationRequest : IGatewayRequest
{
    public required string MerchantCode { get; init; }
    public required string TerminalCode { get; init; }
    public required string SystemTraceNum { get; init; }
    public required long TransactionAmount { get; init; }
    public string TransactionCurrencyCode { get; init; } = CurrencyCodes.Cny;
    public required string AuthorizationCode { get; init; }
    public required string OriginalTransactionDate { get; init; }
    public required string OriginalSystemTraceNum { get; init; }
}

/// <summary>1.6 快速担保完成 (quickcompleteauthorization): complete by the gateway's orderId.</summary>
public sealed record QuickCompleteAuthorizationRequest : IGatewayRequest
{
    public required string MerchantCode { get; init; }
    public required string TerminalCode { get; init; }
    public required string SystemTraceNum { get; init; }
    public required long TransactionAmount { get; init; }
    public string TransactionCurrencyCode { get; init; } = CurrencyCodes.Cny;

    /// <summary>银商订单号 of the original hold.</summary>
    public required string OrderId { get; init; }
    public string? OriginalTransactionDate { get; init; }
    public string? OriginalSystemTraceNum { get; init; }
}

/// <summary>1.7 快速担保撤销 (quickvoidauthorization): void by the gateway's orderId.</summary>
public sealed record QuickVoidAuthorizationRequest : IGatewayRequest
{
    public required string MerchantCode { get; init; }
    public required string TerminalCode { get; init; }
    public required string SystemTraceNum { get; init; }
    public required long TransactionAmount { get; init; }
    public string TransactionCurrencyCode { get; init; } = CurrencyCodes.Cny;
    public required string OrderId { get; init; }
    public string? OriginalTransactionDate { get; init; }
    public string? OriginalSystemTraceNum { get; init; }
}

/// <summary>1.8 交易状态查询 by the queried transaction's system trace number (query-by-system-trace-num).</summary>
public sealed record QueryBySystemTraceNumRequest : IGatewayRequest
{
    public required string MerchantCode { get; init; }
    public required string TerminalCode { get; init; }
    public required string SystemTraceNum { get; init; }
    public required string OriginalSystemTraceNum { get; init; }
}

/// <summary>
/// 1.9 交易状态查询 by orderId and/or original trace (query). At least one is required; when both are
/// present the platform uses the orderId.
/// </summary>
public sealed record QueryRequest : IGatewayRequest
{
    public required string MerchantCode { get; init; }
    public required string TerminalCode { get; init; }
    public required string SystemTraceNum { get; init; }
    public string? OriginalOrderId { get; init; }
    public string? OriginalSystemTraceNum { get; init; }
}
