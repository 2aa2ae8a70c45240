using System.Collections.Frozen;
using PosLink.Domain.Gateway.Messages;

namespace PosLink.Domain.Gateway;

/// <summary>How the app must treat an answer (<c>spec/response-codes.md</c>, right-hand column).</summary>
public enum ResponseCategory
{
    /// <summary>00: the operation happened.</summary>
    Approved,

    /// <summary>The customer's side refused; nothing happened.</summary>
    Declined,

    /// <summary>The request was wrong (amount, format); nothing happened, and resending it will not help.</summary>
    InputError,

    /// <summary>Our setup is wrong (credentials, terminal registration); admins must act.</summary>
    ConfigurationError,

    /// <summary>The outcome is not known: only a status query may settle it.</summary>
    Unknown,
}

/// <summary>One entry of the response-code catalogue.</summary>
public sealed record ResponseCode(string Code, string Chinese, string English, ResponseCategory Category)
{
    /// <summary>The meaning in the reader's language: Chinese unless the culture is English.</summary>
    public string Meaning(System.Globalization.CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? English : Chinese;
}

/// <summary>
/// The ISO 8583 and platform codes ChinaUMS answers, with their meaning in zh-CN and en and how each is
/// handled. Anything unrecognised is declined for a new hold and unknown for anything else, because a
/// false "failed" on a completion or void would leave a customer's funds held with no record.
/// </summary>
public static class ResponseCodes
{
    public const string Approved = "00";

    private static readonly ResponseCode[] Entries =
    [
        new("0000", "正常", "OK (token endpoint)", ResponseCategory.Unknown),
        new("1000", "认证失败", "Authentication failed (signature, AppId, timestamp)", ResponseCategory.ConfigurationError),
        new("1001", "授权失败", "Not authorized for this API", ResponseCategory.ConfigurationError),
        new("9001", "参数校验失败", "Parameter validation failed", ResponseCategory.InputError),
        new("9999", "系统错误", "System error", ResponseCategory.Unknown),
        new("00", "承兑或交易成功", "Approved", ResponseCategory.Approved),
        new("01", "查发卡方", "Refer to card issuer", ResponseCategory.Declined),
        new("03", "无效商户", "Invalid merchant", ResponseCategory.ConfigurationError),
        new("05", "不予承兑", "Do not honour", ResponseCategory.Declined),
        new("12", "无效交易", "Invalid transaction", ResponseCategory.Declined),
        new("13", "无效金额", "Invalid amount", ResponseCategory.InputError),
        new("14", "无效卡号", "Invalid card or payment code", ResponseCategory.Declined),
        // 22 and 25 say the platform disagrees with our view of the original hold: only a query tells who is right.
        new("22", "关联交易错误", "Related-transaction error", ResponseCategory.Unknown),
        new("25", "找不到原始交易", "Original transaction not found", ResponseCategory.Unknown),
        new("30", "报文格式错误", "Format error", ResponseCategory.InputError),
        new("51", "资金不足", "Insufficient funds", ResponseCategory.Declined),
        new("54", "过期的卡", "Expired card", ResponseCategory.Declined),
        new("55", "密码错", "Incorrect PIN", ResponseCategory.Declined),
        new("57", "不允许此交易", "Transaction not permitted to cardholder", ResponseCategory.Declined),
        new("58", "不允许终端进行的交易", "Transaction not permitted to terminal", ResponseCategory.ConfigurationError),
        new("61", "超出金额限制", "Exceeds amount limit", ResponseCategory.Declined),
        new("64", "原始金额错误", "Original amount incorrect", ResponseCategory.InputError),
        new("68", "响应超时", "Response received too late", ResponseCategory.Unknown),
        new("90", "正在日终处理", "Cut-over in progress", ResponseCategory.Unknown),
        new("91", "发卡方不能操作", "Issuer inoperative", ResponseCategory.Unknown),
        new("92", "发卡方线路异常", "Routing error", ResponseCategory.Unknown),
        // 94: the trace number (or merchant order id) was already used, so the platform refused this request without
        // acting on it. PosLink never resends, so it is not an earlier copy of ours; the next request gets a new number.
        new("94", "重复交易", "Duplicate transmission", ResponseCategory.Declined),
        new("96", "系统异常", "System malfunction", ResponseCategory.Unknown),
        new("97", "终端号未登记", "Terminal not registered", ResponseCategory.ConfigurationError),
        new("98", "收不到发卡方应答", "No answer from issuer", ResponseCategory.Unknown),
        new("A0", "MAC鉴别失败", "MAC verification failed", ResponseCategory.ConfigurationError),
        new("A7", "安全处理失败", "Security processing failure", ResponseCategory.ConfigurationError),
        new("ER", "参见返回信息", "See errInfo", ResponseCategory.Unknown),
    ];

    private static readonly FrozenDictionary<string, ResponseCode> Catalogue =
        Entries.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>Every code in the catalogue, in the order of the spec's tables.</summary>
    public static IReadOnlyList<ResponseCode> All => Entries;

    /// <summary>The catalogue entry for a code, or null for one the catalogue does not know.</summary>
    public static ResponseCode? Find(string? code) =>
        code is not null && Catalogue.TryGetValue(code, out var entry) ? entry : null;

    /// <summary>How to treat an answer from <paramref name="endpoint"/>.</summary>
    public static ResponseCategory Classify(GatewayEndpoint endpoint, GatewayResponse response)
    {
        // autoQueryFlag Y overrides even 00: the platform itself says it does not know yet.
        if (response.AsksForQuery)
        {
            return ResponseCategory.Unknown;
        }
        return Classify(endpoint, response.ErrCode);
    }

    public static ResponseCategory Classify(GatewayEndpoint endpoint, string? errCode)
    {
        if (Find(errCode) is { } known)
        {
            return known.Category;
        }
        // An unlisted code on a new hold or an activation is a refusal; on anything that may already have
        // moved money (complete, void) or on a query it proves nothing.
        return endpoint is GatewayEndpoint.Preauthorize or GatewayEndpoint.ActivateTerminal
            ? ResponseCategory.Declined
            : ResponseCategory.Unknown;
    }
}
