using System.Globalization;
using PosLink.Domain.Common;
using PosLink.Domain.Text;
using PosLink.Domain.Time;

namespace PosLink.Domain.Finance;

/// <summary>Which columns of a statement hold what: the names as the header row spells them.</summary>
public sealed record StatementColumns(int HeaderRow, string KeyColumn, StatementKey KeyKind, string AmountColumn, AmountUnit AmountUnit = AmountUnit.Yuan,
    string? DateColumn = null, string? FeeColumn = null)
{
    public const int MaxHeaderRow = 20;
}

/// <summary>One thing wrong with a statement file: where (row, column), what was there, and the rule it breaks.</summary>
public sealed record StatementProblem(int Row, string? Column, string? Value, Phrase Message);

/// <summary>A statement row as read: its place in the file, its key, its money in fen and its settlement date.</summary>
public sealed record ParsedStatementRow(int RowNumber, string Key, long AmountFen, long? FeeFen, DateOnly SettlementDate);

/// <summary>What parsing gave: the rows, or every problem found (then nothing may be imported).</summary>
public sealed record ParsedStatement(IReadOnlyList<ParsedStatementRow> Rows, IReadOnlyList<StatementProblem> Problems, int ProblemCount);

/// <summary>
/// Reads a statement's rows by its column mapping, all or nothing: every row is checked, and one broken row refuses
/// the file with its row and column, so that a half-imported statement can never be reconciled against. Blank rows
/// and the totals row portals add at the end (合计, 总计) are passed over.
/// </summary>
public static class StatementParser
{
    public const int MaxProblemsShown = 50;
    public const int MaxKeyLength = 64;

    /// <summary>
    /// No statement amount or fee above ¥100,000,000.00: far beyond any card or wallet payment, and low enough that
    /// <see cref="SheetLimits.MaxRows"/> rows of it add up without overflow.
    /// </summary>
    public const long MaxAmountFen = 10_000_000_000;

    private static readonly string[] SummaryWords = ["合计", "总计", "小计", "total"];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd", "yyyy-M-d", "yyyy/M/d", "yyyy.MM.dd", "yyyy年M月d日"];

    /// <summary>The header row's names (trimmed; an unnamed column is named by its letter).</summary>
    public static IReadOnlyList<string> Headers(StatementSheet sheet, int headerRow) =>
        headerRow < 1 || headerRow > sheet.Rows.Count ? [] : sheet.Rows[headerRow - 1].Select((cell, i) => Text(cell) is { Length: > 0 } name ? name : $"({Letter(i)})").ToList();

    /// <summary>The rows of <paramref name="sheet"/> by <paramref name="columns"/>; <paramref name="chosenDate"/> dates every row when there is no date column, and no row may be settled after <paramref name="today"/> (China).</summary>
    public static ParsedStatement Parse(StatementSheet sheet, StatementColumns columns, DateOnly? chosenDate, DateOnly today, CancellationToken cancellationToken = default)
    {
        var problems = new List<StatementProblem>();
        var count = 0;
        void Report(int row, string? column, object? value, Phrase message)
        {
            count++;
            if (problems.Count < MaxProblemsShown)
            {
                problems.Add(new StatementProblem(row, column, Shown(value), message));
            }
        }

        if (columns.HeaderRow is < 1 or > StatementColumns.MaxHeaderRow || columns.HeaderRow > sheet.Rows.Count)
        {
            Report(columns.HeaderRow, null, null, new Phrase("Statement.HeaderRowDoesNotExist", columns.HeaderRow, sheet.Rows.Count, StatementColumns.MaxHeaderRow));
            return new ParsedStatement([], problems, count);
        }
        var headers = Headers(sheet, columns.HeaderRow);
        int? Find(string? name, Phrase what, bool required)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                if (required)
                {
                    Report(columns.HeaderRow, null, null, new Phrase("Statement.ChooseColumnHolds", what));
                }
                return null;
            }
            var matches = headers.Select((h, i) => (h, i)).Where(x => x.h == name.Trim()).Select(x => x.i).ToList();
            switch (matches.Count)
            {
                case 0:
                    Report(columns.HeaderRow, name, null, new Phrase("Statement.RowHeaderHasNoColumn", columns.HeaderRow, name, what));
                    return null;
                case > 1:
                    Report(columns.HeaderRow, name, null, new Phrase("Statement.HeaderHasSeveralColumnsNamed", name, what));
                    return null;
                default:
                    return matches[0];
            }
        }

        var keyWhat = new Phrase(columns.KeyKind == StatementKey.OrderId ? "Field.OrderId" : "Field.RetrievalReference");
        var key = Find(columns.KeyColumn, keyWhat, required: true);
        var amount = Find(columns.AmountColumn, Amount, required: true);
        var date = Find(columns.DateColumn, new Phrase("Field.SettlementDate"), required: false);
        var fee = Find(columns.FeeColumn, Fee, required: false);
        var mapped = new[] { key, amount, date, fee }.Where(i => i is not null).ToList();
        if (mapped.Distinct().Count() != mapped.Count)
        {
            Report(columns.HeaderRow, null, null, new Phrase("Statement.OneColumnCannotHoldTwo"));
        }
        if (columns.DateColumn is null or "" && chosenDate is null)
        {
            Report(columns.HeaderRow, null, null, new Phrase("Statement.FileHasNoSettlementDate"));
        }
        if (chosenDate > today)
        {
            Report(columns.HeaderRow, null, chosenDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), new Phrase("Statement.SettlementDateCannotAfterToday"));
        }
        if (count > 0 || key is not { } keyAt || amount is not { } amountAt)
        {
            return new ParsedStatement([], problems, count);
        }

        var rows = new List<ParsedStatementRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = columns.HeaderRow; r < sheet.Rows.Count; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cells = sheet.Rows[r];
            var rowNumber = r + 1;
            if (cells.All(c => Text(c) is null or ""))
            {
                continue;
            }
            var keyCell = Cell(cells, keyAt);
            // The totals row: no key, and a summary word somewhere (often in the key's own column).
            var keyText = Text(keyCell);
            if ((keyText is null or "" || IsSummary(keyText)) && cells.Any(c => Text(c) is { } t && IsSummary(t)))
            {
                continue;
            }
            var rowKey = ReadKey(keyCell, rowNumber, headers[keyAt], keyWhat, Report);
            var rowAmount = ReadFen(Cell(cells, amountAt), columns.AmountUnit, rowNumber, headers[amountAt], Amount, Report, required: true);
            long? rowFee = fee is { } feeAt ? ReadFen(Cell(cells, feeAt), columns.AmountUnit, rowNumber, headers[feeAt], Fee, Report, required: false) : null;
            var rowDate = date is { } dateAt ? ReadDate(Cell(cells, dateAt), today, rowNumber, headers[dateAt], Report) : chosenDate;
            if (rowKey is null || rowAmount is null || rowDate is null)
            {
                continue;
            }
            if (seen.TryGetValue(rowKey, out var first))
            {
                Report(rowNumber, headers[keyAt], rowKey, new Phrase("Statement.RowHasSameAsRow", rowNumber, first, keyWhat));
                continue;
            }
            seen[rowKey] = rowNumber;
            rows.Add(new ParsedStatementRow(rowNumber, rowKey, rowAmount.Value, rowFee, rowDate.Value));
        }
        if (count == 0 && rows.Count == 0)
        {
            Report(columns.HeaderRow + 1, null, null, new Phrase("Statement.ThereNoRowsBelowHeader"));
        }
        return count > 0 ? new ParsedStatement([], problems, count) : new ParsedStatement(rows, [], 0);
    }

    private static bool IsSummary(string text) => SummaryWords.Any(w => text.Trim().StartsWith(w, StringComparison.OrdinalIgnoreCase));

    private delegate void Reporter(int row, string? column, object? value, Phrase message);

    private static readonly Phrase Amount = new("Field.Amount");
    private static readonly Phrase Fee = new("Field.Fee");

    private static string? ReadKey(object? cell, int row, string column, Phrase what, Reporter report)
    {
        if (cell is double number)
        {
            // Excel keeps numbers to 15 significant digits: a long id typed as a number has lost its last digits.
            if (number % 1 == 0 && Math.Abs(number) < 1e15)
            {
                return ((long)number).ToString(CultureInfo.InvariantCulture);
            }
            report(row, column, number.ToString("R", CultureInfo.InvariantCulture), new Phrase("Statement.RowWasStoredExcelAs", row, column, what));
            return null;
        }
        var text = Text(cell);
        // Exporters protect long numbers from Excel with a leading apostrophe, a tab, or ="…".
        if (text is not null && text.StartsWith("=\"", StringComparison.Ordinal) && text.EndsWith('"'))
        {
            text = text[2..^1];
        }
        text = text?.TrimStart('\'', '\t').Trim();
        if (string.IsNullOrEmpty(text))
        {
            report(row, column, null, new Phrase("Statement.RowEmpty", row, column, what));
            return null;
        }
        if (TextRules.Check("key", what, text, MaxKeyLength) is { } invalid)
        {
            report(row, column, text, new Phrase("Statement.RowInvalid", row, column, invalid.Message));
            return null;
        }
        return text;
    }

    private static long? ReadFen(object? cell, AmountUnit unit, int row, string column, Phrase what, Reporter report, bool required)
    {
        var rule = new Phrase(unit == AmountUnit.Yuan ? "Statement.RuleYuan" : "Statement.RuleFen");
        switch (cell)
        {
            case null:
            case string s when string.IsNullOrWhiteSpace(s):
                if (required)
                {
                    report(row, column, null, new Phrase("Statement.RowEmpty", row, column, what));
                }
                return null;
            default:
                // A spreadsheet number is read as the shortest text that round-trips it (880.1 stays "880.1"), then
                // parsed like typed text: one money parser, and no arithmetic on the floating-point value.
                var text = cell is double number ? number.ToString("R", CultureInfo.InvariantCulture) : Text(cell)!;
                long? amount = unit == AmountUnit.Yuan
                    ? Money.TryParseYuan(text, out var fen) ? fen : null
                    : text.Trim().Length is > 0 and <= 15 && text.Trim().All(char.IsAsciiDigit) ? long.Parse(text.Trim(), CultureInfo.InvariantCulture) : null;
                if (amount > MaxAmountFen)
                {
                    report(row, column, cell, new Phrase("Statement.RowAboveCeiling", row, column, what, Money.Yuan(MaxAmountFen)));
                    return null;
                }
                if (amount is not null)
                {
                    return amount;
                }
                break;
        }
        report(row, column, cell, new Phrase("Statement.RowMustNotNegative", row, column, what, rule));
        return null;
    }

    private static DateOnly? ReadDate(object? cell, DateOnly today, int row, string column, Reporter report)
    {
        DateOnly? date = cell switch
        {
            DateTime at => DateOnly.FromDateTime(at),
            double serial when serial is > 0 and < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(serial)),
            _ => ParseDate(Text(cell), today),
        };
        if (date is null)
        {
            report(row, column, cell, new Phrase("Statement.RowSettlementDateMustDate", row, column));
            return null;
        }
        if (date > today)
        {
            report(row, column, cell, new Phrase("Statement.RowSettlementDateAfterToday", row, column, date));
            return null;
        }
        return date;
    }

    private static DateOnly? ParseDate(string? text, DateOnly today)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        // A date and time: the date is what settles.
        var datePart = text.Split(' ', 'T')[0];
        if (DateOnly.TryParseExact(datePart, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        // MMdd, as the gateway writes it: the year that puts it nearest to today (a December statement read in January).
        var reference = new DateTimeOffset(today.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromHours(12))), ChinaTime.Offset);
        return ChinaTime.TryResolveMonthDay(datePart, reference, out var resolved) ? resolved : null;
    }

    private static object? Cell(IReadOnlyList<object?> cells, int index) => index < cells.Count ? cells[index] : null;

    private static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => s.Trim(),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime at => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString(),
    };

    private static string? Shown(object? value) => Text(value) is { } text ? text.Length <= 40 ? text : text[..40] + "…" : null;

    private static string Letter(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + (i - 1) % 26) + name;
        }
        return name;
    }
}
