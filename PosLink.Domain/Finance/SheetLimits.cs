using PosLink.Domain.Common;

namespace PosLink.Domain.Finance;

/// <summary>
/// What reading one statement file may cost, whatever its shape: a file is refused, with the limit named, as soon as it
/// would pass one. Sized far above any real ChinaUMS statement (a dozen columns, short cells, 100,000 rows a month for a
/// busy merchant) and far below what hurts the server.
/// </summary>
public static class SheetLimits
{
    /// <summary>The file as uploaded.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    public const int MaxRows = 200_000;

    public const int MaxColumns = 256;

    public const int MaxCellChars = 1_000;

    /// <summary>One part of an XLSX (a worksheet, the shared strings) once decompressed.</summary>
    public const long MaxEntryBytes = 100L * 1024 * 1024;

    /// <summary>Every part of an XLSX that is read, once decompressed.</summary>
    public const long MaxWorkbookBytes = 100L * 1024 * 1024;

    /// <summary>Distinct texts in an XLSX's shared-string table.</summary>
    public const int MaxSharedStrings = 1_000_000;

    /// <summary>How long reading a file may take before it is stopped (a real statement takes well under a second).</summary>
    public static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(10);

    internal static Problem TooManyRows() =>
        Problem.Invalid("file", $"文件超过{MaxRows:N0}行，请按日期拆分后分别导入。", $"The file has more than {MaxRows:N0} rows; split it by date and import each part.");

    internal static Problem TooManyColumns(int row) =>
        Problem.Invalid("file", $"第{row}行超过{MaxColumns}列，这不是对账单的格式。", $"Row {row} has more than {MaxColumns} columns; that is not a statement's shape.");

    internal static Problem CellTooLong(int row) =>
        Problem.Invalid("file", $"第{row}行有单元格超过{MaxCellChars:N0}个字符，这不是对账单的内容。", $"Row {row} has a cell longer than {MaxCellChars:N0} characters; that is not a statement's content.");

    internal static Problem DimensionTooLarge(string declared) =>
        Problem.Invalid("file", $"工作表声明的范围{declared}超过{MaxColumns}列或{MaxRows:N0}行，这不是对账单的格式。",
            $"The worksheet declares the range {declared}, beyond {MaxColumns} columns or {MaxRows:N0} rows; that is not a statement's shape.");

    internal static Problem PartTooLarge(string part) =>
        Problem.Invalid("file", $"工作簿的部件{part}解压后超过{MaxEntryBytes / 1024 / 1024} MB（整个工作簿最多{MaxWorkbookBytes / 1024 / 1024} MB）。",
            $"The workbook's part {part} is larger than {MaxEntryBytes / 1024 / 1024} MB once decompressed (the whole workbook at most {MaxWorkbookBytes / 1024 / 1024} MB).");

    internal static Problem SharedStringTooLong() =>
        Problem.Invalid("file", $"共享字符串表中有文字超过{MaxCellChars:N0}个字符，这不是对账单的内容。", $"The shared-string table holds a text longer than {MaxCellChars:N0} characters; that is not a statement's content.");

    internal static Problem TooManySharedStrings() =>
        Problem.Invalid("file", $"共享字符串表超过{MaxSharedStrings:N0}项。", $"The shared-string table has more than {MaxSharedStrings:N0} entries.");

    internal static Problem TookTooLong() =>
        Problem.Invalid("file", $"读取此文件超过{ReadBudget.TotalSeconds:0}秒，已停止；请检查文件是否为对账单。",
            $"Reading this file took more than {ReadBudget.TotalSeconds:0} seconds and was stopped; check that it is a statement.");

    internal static Problem Unreadable(bool spreadsheet) => spreadsheet
        ? Problem.Invalid("file", "无法读取此XLSX文件（文件损坏或不是Excel工作簿）。", "This XLSX file could not be read (it is damaged, or not an Excel workbook).")
        : Problem.Invalid("file", "无法读取此CSV文件。", "This CSV file could not be read.");
}

/// <summary>A file refused part-way through reading: the limit it passed, or the damage found.</summary>
internal sealed class SheetRefusedException(Problem problem) : Exception(problem.English)
{
    public Problem Problem { get; } = problem;
}
