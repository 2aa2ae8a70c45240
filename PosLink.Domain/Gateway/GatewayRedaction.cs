using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PosLink.Domain.Gateway;

/// <summary>
/// Makes wire bodies safe to store and show: every <c>payCode</c> is masked. A body that is not JSON is
/// cut short and has long digit runs masked, since it could echo a payment code in any shape.
/// </summary>
public static partial class GatewayRedaction
{
    private const int MaxTextLength = 2000;

    public static string Redact(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return "";
        }
        try
        {
            var node = JsonNode.Parse(body);
            if (node is JsonObject obj)
            {
                MaskPayCodes(obj);
                return obj.ToJsonString(GatewayJson.Options);
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the text form.
        }
        var text = Encoding.UTF8.GetString(body);
        if (text.Length > MaxTextLength)
        {
            text = text[..MaxTextLength] + "…";
        }
        return LongDigitRun().Replace(text, m => PayCodeMask.Mask(m.Value));
    }

    private static void MaskPayCodes(JsonObject obj)
    {
        foreach (var (name, value) in obj.ToList())
        {
            if (value is JsonObject child)
            {
                MaskPayCodes(child);
            }
            else if (string.Equals(name, "payCode", StringComparison.OrdinalIgnoreCase) && value is JsonValue v && v.TryGetValue<string>(out var code))
            {
                obj[name] = PayCodeMask.Mask(code);
            }
        }
    }

    [GeneratedRegex("[0-9]{10,}")]
    private static partial Regex LongDigitRun();
}
