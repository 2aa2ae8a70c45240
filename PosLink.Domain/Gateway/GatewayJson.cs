using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PosLink.Domain.Gateway;

/// <summary>The one set of JSON options for the ChinaUMS wire format.</summary>
public static class GatewayJson
{
    /// <summary>
    /// camelCase names as in the spec, nulls omitted (optional fields are simply absent), numbers readable
    /// from strings (query answers send amounts as strings), and Chinese written as UTF-8, not <c>\u</c> escapes.
    /// </summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            // Server-to-server JSON is never embedded in HTML, so HTML-sensitive escaping only costs bytes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
        };
        options.Converters.Add(new LenientIntegerConverter<long>());
        options.Converters.Add(new LenientIntegerConverter<int>());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>
/// Reads an optional integer (an amount in fen, a status code) from a JSON number, a numeric string, an
/// empty string or null: the query endpoints send amounts as strings and may leave them empty.
/// </summary>
public sealed class LenientIntegerConverter<T> : JsonConverter<T?>
    where T : struct, IBinaryInteger<T>
{
    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when T.TryParse(Encoding.UTF8.GetString(reader.ValueSpan), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                return number;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }
                if (T.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
                break;
        }
        throw new JsonException($"Expected an integer, got {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(value.Value.ToString(null, CultureInfo.InvariantCulture), skipInputValidation: true);
        }
    }
}
