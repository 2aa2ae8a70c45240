using System.Text.Json.Serialization;

namespace PosLink.Domain.Gateway.Messages;

/// <summary>What every POS通 answer carries. Only <c>errCode</c> <c>00</c> approves; see <see cref="ResponseCodes"/>.</summary>
public abstract record GatewayResponse
{
    /// <summary>错误代码, ISO 8583 field 39 (or a 4-digit platform code).</summary>
    public string? ErrCode { get; init; }
    public string? ErrInfo { get; init; }

    /// <summary>自动查询标识: "Y" means the outcome is unknown and must be settled by a status query.</summary>
    public string? AutoQueryFlag { get; init; }

    [JsonIgnore]
    public bool AsksForQuery => string.Equals(AutoQueryFlag, "Y", StringComparison.OrdinalIgnoreCase);
}

/// <summary>1.1 激活终端 answer.</summary>
public sealed record ActivateTerminalResponse : GatewayResponse;

/// <summary>1.2 担保 answer: the hold's identity (orderId, authorizationCode, trade date and time) and amounts.</summary>
public sealed record PreauthorizeResponse : GatewayResponse
{
    /// <summary>交易时间, <c>HHmmss</c> China time.</summary>
    public string? TransactionTime { get; init; }

    /// <summary>交易日期, <c>MMdd</c> China time, without a year.</summary>
    public string? TransactionDate { get; init; }

    /// <summary>结算日期, <c>MMdd</c>.</summary>
    public string? SettlementDate { get; init; }
    public string? RetrievalRefNum { get; init; }
    public string? AuthorizationCode { get; init; }

    /// <summary>营销联盟优惠后交易金额, fen.</summary>
    public long? ActualTransactionAmount { get; init; }

    /// <summary>实际支付金额: what the customer actually paid, fen.</summary>
    public long? Amount { get; init; }
    public string? OrderId { get; init; }
    public string? MarketingAllianceDiscountInstruction { get; init; }
    public string? ThirdPartyDiscountInstruction { get; init; }
    public string? ThirdPartyName { get; init; }
    public string? ThirdPartyBuyerId { get; init; }
    public string? ThirdPartyBuyerUserName { get; init; }

    /// <summary>交易金额 as sent, fen.</summary>
    public long? TransactionAmount { get; init; }

    /// <summary>商户出资优惠金额, fen.</summary>
    public long? ThirdPartyMerchantDiscountAmount { get; init; }

    /// <summary>其他出资优惠金额, fen.</summary>
    public long? ThirdPartyOtherDiscountAmount { get; init; }
}

/// <summary>The fields shared by the answers to complete, void and their quick forms.</summary>
public abstract record FinalizeAuthorizationResponse : GatewayResponse
{
    public string? TransactionTime { get; init; }
    public string? TransactionDate { get; init; }
    public string? SettlementDate { get; init; }
    public string? RetrievalRefNum { get; init; }
}

/// <summary>1.4 担保完成 answer.</summary>
public sealed record CompleteAuthorizationResponse : FinalizeAuthorizationResponse
{
    public string? ThirdPartyName { get; init; }
}

/// <summary>1.5 担保撤销 answer.</summary>
public sealed record VoidAuthorizationResponse : FinalizeAuthorizationResponse
{
    public string? ThirdPartyName { get; init; }
}

/// <summary>1.6 快速担保完成 answer.</summary>
public sealed record QuickCompleteAuthorizationResponse : FinalizeAuthorizationResponse
{
    /// <summary>实际交易金额, fen.</summary>
    public long? ActualTransactionAmount { get; init; }
}

/// <summary>1.7 快速担保撤销 answer.</summary>
public sealed record QuickVoidAuthorizationResponse : FinalizeAuthorizationResponse
{
    public string? ThirdPartyName { get; init; }
}

/// <summary>The fields both status queries answer; several amounts arrive as strings and are read as fen.</summary>
public abstract record TransactionQueryResponse : GatewayResponse
{
    /// <summary>查询结果: "0" found; anything else is a failed query.</summary>
    public string? QueryResCode { get; init; }

    /// <summary>付款码, masked by the client on arrival so that no full code travels further.</summary>
    public string? PayCode { get; init; }

    /// <summary>所查询交易交易日期, <c>MMdd</c>.</summary>
    public string? DealDate { get; init; }

    /// <summary>所查询交易交易时间, <c>HHmmss</c>.</summary>
    public string? DealTime { get; init; }

    /// <summary>原终端上送金额, fen (a string on the wire).</summary>
    public long? OriginalAmount { get; init; }
    public string? DealType { get; init; }
    public string? DealSystemTraceNum { get; init; }
    public string? DealRetrievalRefNum { get; init; }
    public string? BatchNo { get; init; }
    public string? AuthorizationCode { get; init; }
    public long? ActualTransactionAmount { get; init; }

    /// <summary>用户实际支付金额, fen (a string on the wire).</summary>
    public long? Amount { get; init; }
    public string? OrderId { get; init; }
    public string? MarketingAllianceDiscountInstruction { get; init; }
    public string? ThirdPartyDiscountInstruction { get; init; }
    public string? ThirdPartyName { get; init; }
    public string? ThirdPartyBuyerId { get; init; }
    public long? ThirdPartyMerchantDiscountAmount { get; init; }
    public long? ThirdPartyOtherDiscountAmount { get; init; }

    [JsonIgnore]
    public bool Found => QueryResCode == "0";
}

/// <summary>1.8 answer (query-by-system-trace-num).</summary>
public sealed record QueryBySystemTraceNumResponse : TransactionQueryResponse;

/// <summary>1.9 answer (query): adds the guarantee's state.</summary>
public sealed record QueryResponse : TransactionQueryResponse
{
    /// <summary>担保状态标识: see <see cref="Messages.SecureStatus"/>.</summary>
    public int? SecureStatus { get; init; }

    /// <summary>交易状态: NEW_ORDER, UNKNOWN, TRADE_CLOSED, WAIT_BUYER_PAY, TRADE_SUCCESS, TRADE_REFUND.</summary>
    public string? Status { get; init; }
    public string? TargetStatus { get; init; }
    public string? NetpayErrMsg { get; init; }

    /// <summary>The guarantee state, when the platform sent one this code knows.</summary>
    [JsonIgnore]
    public SecureStatus? Guarantee =>
        SecureStatus is { } code && Enum.IsDefined(typeof(SecureStatus), code) ? (SecureStatus)code : null;
}

/// <summary>担保状态标识 as the query answers it.</summary>
public enum SecureStatus
{
    /// <summary>0 担保中: the funds are held.</summary>
    Held = 0,

    /// <summary>1 担保撤销: voided.</summary>
    Voided = 1,

    /// <summary>2 担保完成: completed.</summary>
    Completed = 2,

    /// <summary>3 正在完成担保，请稍后查询: completing; ask again later.</summary>
    Completing = 3,

    /// <summary>6 交易失败: the hold failed.</summary>
    Failed = 6,
}
