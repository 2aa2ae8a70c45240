using PosLink.Domain.Time;

namespace PosLink.Domain.Exports;

/// <summary>
/// One column of an export: the catalogue key of its name and how a row gives its cell. Cells are text, whole numbers
/// (fen, counts), <see cref="decimal"/> yuan, China-time <see cref="DateTime"/>s, dates, or coded values the writer
/// words through the catalogue (an enum as <c>{Type}.{Member}</c>, a bool as Export.Yes/No, a <see cref="Text.Phrase"/>);
/// money is never a float.
/// </summary>
public sealed record ExportColumn<T>(string Key, Func<T, object?> Cell)
{
    /// <summary>
    /// How a spreadsheet shows the column's numbers: yuan with two decimals (12.30, never 12.3), instants to the
    /// second. The keys say what a column holds (…Yuan, …ChinaTime), as its header does.
    /// </summary>
    public string? SpreadsheetFormat =>
        Key.EndsWith("Yuan", StringComparison.Ordinal) ? "0.00"
        : Key.EndsWith("ChinaTime", StringComparison.Ordinal) ? "yyyy-mm-dd hh:mm:ss"
        : null;
}

/// <summary>Helpers for the cells exports have in common.</summary>
public static class ExportCells
{
    /// <summary>Fen as yuan, exactly (1234 fen → 12.34).</summary>
    public static decimal Yuan(long fen) => fen / 100m;

    public static decimal? Yuan(long? fen) => fen is { } value ? value / 100m : null;

    /// <summary>An instant as the wall-clock time in China, which is what a person reconciling expects to read.</summary>
    public static DateTime? China(DateTimeOffset? instant) => instant is { } at ? ChinaTime.ToChina(at).DateTime : null;

    /// <summary>
    /// Text a spreadsheet would run as a formula (it starts with = + - @, a tab or a CR) made inert with a leading
    /// apostrophe, as OWASP recommends for CSV injection.
    /// </summary>
    public static string? Neutralize(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
