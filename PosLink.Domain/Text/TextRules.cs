using System.Globalization;
using System.Text;
using PosLink.Domain.Common;

namespace PosLink.Domain.Text;

/// <summary>
/// What free text a person may type into an id or a remark: no control characters, no bidirectional formatting
/// (which can make "¥100" display as "¥001" on a receipt or a screen) and no zero-width characters (which make two
/// ids look the same while differing). Refusals name the field, the rule and the character's code point.
/// </summary>
public static class TextRules
{
    /// <summary>The first character that may not appear in ids and remarks, or null.</summary>
    public static Rune? Forbidden(string? text)
    {
        if (text is null)
        {
            return null;
        }
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || IsInvisibleFormat(rune.Value))
            {
                return rune;
            }
        }
        return null;
    }

    /// <summary>A refusal for <paramref name="field"/> if it is too long or holds a forbidden character; null when it is fine.</summary>
    public static Problem? Check(string field, Phrase name, string? text, int maxLength)
    {
        if (text is null)
        {
            return null;
        }
        var length = TextLength.Characters(text);
        if (length > maxLength)
        {
            return Problem.Invalid(field, "Problem.TextTooLong", name, maxLength, length);
        }
        if (Forbidden(text) is { } rune)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}");
            return Problem.Invalid(field, "Problem.TextHasInvisibleCharacters", name, code);
        }
        return null;
    }

    // Bidi embeddings, overrides and isolates, the marks, and the zero-width characters.
    private static bool IsInvisibleFormat(int c) =>
        c is 0x061C or 0x200B or 0x200C or 0x200D or 0x200E or 0x200F or 0x2060 or 0xFEFF or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
}
