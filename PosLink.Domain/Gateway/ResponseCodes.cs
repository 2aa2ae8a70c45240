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

/// <summary>
/// One entry of the response-code table: the code, the spec's own description of it (the platform's words, used to
/// tell whether an errInfo adds anything; staff read the code's meaning from the web catalogue, <c>ResponseCode.{code}</c>)
/// and how it is handled.
/// </summary>
public sealed record ResponseCode(string Code, string SpecText, ResponseCategory Category);

/// <summary>
/// The ISO 8583 and platform codes ChinaUMS answers, with the spec's description and how each is
/// handled. Anything unrecognised is declined for a new hold and unknown for anything else, because a
/// false "failed" on a completion or void would leave a customer's funds held with no record.
/// </summary>
public static class ResponseCodes
{
    public const string Approved = "00";

    private static readonly ResponseCode[] Entries =
    [
        new("0000", "正常", ResponseCategory.Unknown),
        new("1000", "认证失败", ResponseCategory.ConfigurationError),
        new("1001", "授权失败", ResponseCategory.ConfigurationError),
        new("9001", "参数校验失败", ResponseCategory.InputError),
        new("9999", "系统错误", ResponseCategory.Unknown),
        new("00", "承兑或交易成功", ResponseCategory.Approved),
        new("01", "查发卡方", ResponseCategory.Declined),
        new("03", "无效商户", ResponseCategory.ConfigurationError),
        new("05", "不予承兑", ResponseCategory.Declined),
        new("12", "无效交易", ResponseCategory.Declined),
        new("13", "无效金额", ResponseCategory.InputError),
        new("14", "无效卡号", ResponseCategory.Declined),
        // 22 and 25 say the platform disagrees with our view of the original hold: only a query tells who is right.
        new("22", "关联交易错误", ResponseCategory.Unknown),
        new("25", "找不到原始交易", ResponseCategory.Unknown),
        new("30", "报文格式错误", ResponseCategory.InputError),
        new("51", "资金不足", ResponseCategory.Declined),
        new("54", "过期的卡", ResponseCategory.Declined),
        new("55", "密码错", ResponseCategory.Declined),
        new("57", "不允许此交易", ResponseCategory.Declined),
        new("58", "不允许终端进行的交易", ResponseCategory.ConfigurationError),
        new("61", "超出金额限制", ResponseCategory.Declined),
        new("64", "原始金额错误", ResponseCategory.InputError),
        new("68", "响应超时", ResponseCategory.Unknown),
        new("90", "正在日终处理", ResponseCategory.Unknown),
        new("91", "发卡方不能操作", ResponseCategory.Unknown),
        new("92", "发卡方线路异常", ResponseCategory.Unknown),
        // 94: the trace number (or merchant order id) was already used, so the platform refused this request without
        // acting on it. PosLink never resends, so it is not an earlier copy of ours; the next request gets a new number.
        new("94", "重复交易", ResponseCategory.Declined),
        new("96", "系统异常", ResponseCategory.Unknown),
        new("97", "终端号未登记", ResponseCategory.ConfigurationError),
        new("98", "收不到发卡方应答", ResponseCategory.Unknown),
        new("A0", "MAC鉴别失败", ResponseCategory.ConfigurationError),
        new("A7", "安全处理失败", ResponseCategory.ConfigurationError),
        new("ER", "参见返回信息", ResponseCategory.Unknown),
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
