using System.Globalization;

namespace PosLink.Domain.Common;

/// <summary>Money is fen in a <see cref="long"/>; this only formats it, as ¥1,234.56, with integer arithmetic.</summary>
public static class Money
{
    public static string Yuan(long fen)
    {
        var sign = fen < 0 ? "-" : "";
        var absolute = fen == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(fen);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}¥{absolute / 100:#,##0}.{absolute % 100:00}");
    }

    /// <summary>A figure that may not apply (nothing completed yet, say) shows as a dash.</summary>
    public static string Yuan(long? fen) => fen is { } value ? Yuan(value) : "—";

    /// <summary>Fen as a plain yuan figure for an input box: 1234.5 → "1234.50".</summary>
    public static string YuanPlain(long fen) => string.Create(CultureInfo.InvariantCulture, $"{fen / 100}.{Math.Abs(fen % 100):00}");

    /// <summary>
    /// Reads what a person typed in yuan ("1234", "1,234.5", "¥12.34") as fen, exactly: digits are split at the
    /// point, never passed through floating point. At most two decimals; no sign.
    /// </summary>
    public static bool TryParseYuan(string? text, out long fen)
    {
        fen = 0;
        var cleaned = (text ?? "").Trim().TrimStart('¥', '￥').Replace(",", "", StringComparison.Ordinal).Trim();
        if (cleaned.Length == 0)
        {
            return false;
        }
        var parts = cleaned.Split('.');
        if (parts.Length > 2 || parts[0].Length is 0 or > 12 || !parts[0].All(char.IsAsciiDigit) ||
            (parts.Length == 2 && (parts[1].Length is 0 or > 2 || !parts[1].All(char.IsAsciiDigit))))
        {
            return false;
        }
        var cents = parts.Length == 2 ? parts[1].PadRight(2, '0') : "00";
        fen = long.Parse(parts[0], CultureInfo.InvariantCulture) * 100 + long.Parse(cents, CultureInfo.InvariantCulture);
        return true;
    }
}
