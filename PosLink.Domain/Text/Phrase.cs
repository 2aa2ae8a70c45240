using System.Globalization;
using System.Text.Json;

namespace PosLink.Domain.Text;

/// <summary>
/// Something to say, as a catalogue key and its arguments, never as words: the web app's catalogue renders it in
/// the reader's language. Arguments are data (amounts as preformatted ¥ text, ids, dates, counts), enum values
/// (rendered by name through the catalogue, e.g. <c>{0:status}</c>) or other phrases (rendered in turn).
/// Stored phrases (attention reasons, notes) keep their key and arguments as JSON, so a stored reason reads right
/// in every language, today's and tomorrow's.
/// </summary>
public sealed record Phrase(string Key, params object?[] Args)
{
    /// <summary>How every stored phrase begins; stored text that does not is not one (the gateway's words, a person's note).</summary>
    public const string StoredPrefix = "{\"k\":";

    /// <summary>The stored form: <c>{"k":"key","a":["arg",…]}</c>, each argument kept as text (a phrase as its own stored form).</summary>
    public string Store()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("k", Key);
            if (Args.Length > 0)
            {
                json.WriteStartArray("a");
                foreach (var arg in Args)
                {
                    switch (arg)
                    {
                        case null:
                            json.WriteNullValue();
                            break;
                        case Phrase phrase:
                            json.WriteStartObject();
                            json.WriteString("p", phrase.Store());
                            json.WriteEndObject();
                            break;
                        case Enum value:
                            json.WriteStringValue(value.ToString());
                            break;
                        case IFormattable formattable:
                            json.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                            break;
                        default:
                            json.WriteStringValue(arg.ToString());
                            break;
                    }
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The stored form, kept within <paramref name="max"/> characters: a phrase too long to keep whole keeps its key (its arguments show as "…").</summary>
    public string Store(int max)
    {
        var stored = Store();
        return stored.Length <= max ? stored : new Phrase(Key).Store();
    }

    /// <summary>A stored phrase read back; null when <paramref name="stored"/> is not one (text from the gateway, say).</summary>
    public static Phrase? Read(string? stored)
    {
        if (stored is null || !stored.StartsWith(StoredPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(stored);
            var root = document.RootElement;
            var key = root.GetProperty("k").GetString();
            if (key is null)
            {
                return null;
            }
            var args = root.TryGetProperty("a", out var list)
                ? list.EnumerateArray().Select(a => a.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Object when a.TryGetProperty("p", out var nested) => (object?)Read(nested.GetString()),
                    _ => a.ToString(),
                }).ToArray()
                : [];
            return new Phrase(key, args);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>For logs and exception messages (English-free of any catalogue): the key and its arguments.</summary>
    public override string ToString() => Args.Length == 0 ? Key : $"{Key}({string.Join(", ", Args)})";
}
