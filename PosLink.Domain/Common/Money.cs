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
}
