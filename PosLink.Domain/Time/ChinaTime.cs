using System.Globalization;

namespace PosLink.Domain.Time;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving) over an injected <see cref="TimeProvider"/>.
/// ChinaUMS trade dates, times and signature timestamps are all China time, whatever the server's zone.
/// </summary>
public static class ChinaTime
{
    /// <summary>China's fixed offset; a constant rather than a time-zone lookup, so the OS zone database cannot change it.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Now(TimeProvider time) => ToChina(time.GetUtcNow());

    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The trade day an instant belongs to: the calendar day in China.</summary>
    public static DateOnly TradeDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToChina(instant).DateTime);

    /// <summary>The instant a China calendar day begins (00:00 UTC+8): day filters and day totals start here.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>The signature timestamp, <c>yyyyMMddHHmmss</c> in China time.</summary>
    public static string SignatureTimestamp(DateTimeOffset instant) =>
        ToChina(instant).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static bool TryParseSignatureTimestamp(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (value is null || value.Length != 14 ||
            !DateTime.TryParseExact(value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }
        instant = new DateTimeOffset(local, Offset);
        return true;
    }

    /// <summary>A minute in China time as a form's date-and-time field gives it (<c>yyyy-MM-ddTHH:mm</c>): the shift handover's range.</summary>
    public const string MinuteFormat = "yyyy-MM-ddTHH:mm";

    public static string Minute(DateTimeOffset instant) => ToChina(instant).ToString(MinuteFormat, CultureInfo.InvariantCulture);

    public static bool TryParseMinute(string? value, out DateTimeOffset instant)
    {
        instant = default;
        if (value is null || !DateTime.TryParseExact(value.Trim(), MinuteFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }
        instant = new DateTimeOffset(local, Offset);
        return true;
    }

    /// <summary>The gateway's <c>MMdd</c> form of a trade date.</summary>
    public static string MonthDay(DateTimeOffset instant) => ToChina(instant).ToString("MMdd", CultureInfo.InvariantCulture);

    public static string MonthDay(DateOnly date) => date.ToString("MMdd", CultureInfo.InvariantCulture);

    /// <summary>The gateway's <c>HHmmss</c> form of a trade time.</summary>
    public static string TimeOfDay(DateTimeOffset instant) => ToChina(instant).ToString("HHmmss", CultureInfo.InvariantCulture);

    /// <summary>
    /// Gives a year to a gateway <c>MMdd</c> date: the year that puts it nearest to <paramref name="reference"/>
    /// (the request time), so a hold from 12-31 completed on 01-02 is dated in the old year, and a
    /// completion answered 01-01 to a request sent on 12-31 23:59:59 in the new one.
    /// </summary>
    public static bool TryResolveMonthDay(string? monthDay, DateTimeOffset reference, out DateOnly date)
    {
        date = default;
        if (monthDay is null || monthDay.Length != 4 || !monthDay.All(char.IsAsciiDigit))
        {
            return false;
        }
        var month = int.Parse(monthDay.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(monthDay.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var today = TradeDate(reference);
        DateOnly? best = null;
        foreach (var year in (ReadOnlySpan<int>)[today.Year - 1, today.Year, today.Year + 1])
        {
            // 0229 exists only in leap years; other years simply have no candidate.
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                continue;
            }
            var candidate = new DateOnly(year, month, day);
            if (best is null || Distance(candidate, today) < Distance(best.Value, today))
            {
                best = candidate;
            }
        }
        if (best is null)
        {
            return false;
        }
        date = best.Value;
        return true;

        static int Distance(DateOnly a, DateOnly b) => Math.Abs(a.DayNumber - b.DayNumber);
    }

    /// <summary>Combines a resolved trade date and a gateway <c>HHmmss</c> time into an instant.</summary>
    public static bool TryCombine(DateOnly date, string? hhmmss, out DateTimeOffset instant)
    {
        instant = default;
        if (hhmmss is null || !TimeOnly.TryParseExact(hhmmss, "HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return false;
        }
        instant = new DateTimeOffset(date.ToDateTime(time), Offset);
        return true;
    }
}
