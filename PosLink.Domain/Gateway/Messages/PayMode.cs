using System.Text.Json.Serialization;

namespace PosLink.Domain.Gateway.Messages;

/// <summary>支付方式: how the customer presented the payment code.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PayMode>))]
public enum PayMode
{
    /// <summary>电子现金</summary>
    [JsonStringEnumMemberName("E_CASH")] ECash,

    /// <summary>声波</summary>
    [JsonStringEnumMemberName("SOUNDWAVE")] Soundwave,

    /// <summary>NFC</summary>
    [JsonStringEnumMemberName("NFC")] Nfc,

    /// <summary>扫码: the usual case, a scanner reads the customer's payment code.</summary>
    [JsonStringEnumMemberName("CODE_SCAN")] CodeScan,

    /// <summary>手输</summary>
    [JsonStringEnumMemberName("MANUAL")] Manual,
}

/// <summary>The pay modes' wire names, for validation of text that did not come through JSON.</summary>
public static class PayModes
{
    public static readonly IReadOnlyDictionary<string, PayMode> ByWireName = new Dictionary<string, PayMode>(StringComparer.Ordinal)
    {
        ["E_CASH"] = PayMode.ECash,
        ["SOUNDWAVE"] = PayMode.Soundwave,
        ["NFC"] = PayMode.Nfc,
        ["CODE_SCAN"] = PayMode.CodeScan,
        ["MANUAL"] = PayMode.Manual,
    };
}
