using System.Globalization;
using System.Text.Json;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Text;

namespace PosLink.Web.Sandbox;

/// <summary>
/// Reads and checks the fields of a request body the way the platform does, rejecting with 9001 and the
/// field's name. It reads raw JSON rather than the client's records, so that it judges what was actually sent.
/// </summary>
public sealed class SandboxRequest
{
    private readonly JsonElement _root;

    private SandboxRequest(JsonElement root)
    {
        _root = root;
        MerchantCode = Digits("merchantCode", 15);
        TerminalCode = Required("terminalCode");
        if (TerminalCode.Length != 8 || !TerminalCode.All(char.IsAsciiLetterOrDigit))
        {
            throw SandboxRejectionException.Field("terminalCode", "格式错误：必须为8位字母或数字");
        }
        SystemTraceNum = Digits("systemTraceNum", 6);
    }

    public string MerchantCode { get; }
    public string TerminalCode { get; }
    public string SystemTraceNum { get; }

    public static SandboxRequest Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw SandboxRejectionException.Field("请求报文", "必须为JSON对象");
            }
            return new SandboxRequest(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            throw SandboxRejectionException.Field("请求报文", "不是合法的JSON");
        }
    }

    public string Required(string name)
    {
        var value = Optional(name);
        return string.IsNullOrEmpty(value) ? throw SandboxRejectionException.Field(name, "不能为空") : value;
    }

    public string? Optional(string name)
    {
        if (!_root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : throw SandboxRejectionException.Field(name, "必须为字符串");
    }

    public string? OptionalMaxLength(string name, int maxCharacters)
    {
        var value = Optional(name);
        return TextLength.Characters(value) > maxCharacters
            ? throw SandboxRejectionException.Field(name, $"长度不能超过{maxCharacters}位")
            : value;
    }

    public string Digits(string name, int length)
    {
        var value = Required(name);
        return value.Length == length && value.All(char.IsAsciiDigit)
            ? value
            : throw SandboxRejectionException.Field(name, $"格式错误：必须为{length}位数字");
    }

    public string? OptionalDigits(string name, int length) =>
        string.IsNullOrEmpty(Optional(name)) ? null : Digits(name, length);

    /// <summary>交易金额: a JSON integer number of fen, greater than zero (数字型, 单位：分).</summary>
    public long PositiveAmount(string name)
    {
        if (!_root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            throw SandboxRejectionException.Field(name, "不能为空");
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var amount) || amount <= 0)
        {
            throw SandboxRejectionException.Field(name, "必须为正整数（单位：分）");
        }
        return amount;
    }

    public void RequireCurrency()
    {
        if (Required("transactionCurrencyCode") != CurrencyCodes.Cny)
        {
            throw SandboxRejectionException.Field("transactionCurrencyCode", $"必须为{CurrencyCodes.Cny}");
        }
    }

    /// <summary>A trade date in the gateway's <c>MMdd</c> form.</summary>
    public string MonthDay(string name) => OptionalMonthDay(name) ?? throw SandboxRejectionException.Field(name, "不能为空");

    public string? OptionalMonthDay(string name)
    {
        var value = Optional(name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        // 2024 is a leap year, so 0229 counts as a real date.
        return value.Length == 4 && value.All(char.IsAsciiDigit) &&
               DateTime.TryParseExact("2024" + value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? value
            : throw SandboxRejectionException.Field(name, "格式错误：必须为MMdd");
    }

    public string PayMode()
    {
        var value = Required("payMode");
        return PayModes.ByWireName.ContainsKey(value)
            ? value
            : throw SandboxRejectionException.Field("payMode", "取值错误：必须为E_CASH、SOUNDWAVE、NFC、CODE_SCAN或MANUAL");
    }

    public string PayCode()
    {
        var value = Required("payCode");
        return value.Length is >= 10 and <= 32 && value.All(char.IsAsciiDigit)
            ? value
            : throw SandboxRejectionException.Field("payCode", "格式错误：必须为10至32位数字");
    }
}
