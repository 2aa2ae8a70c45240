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
        Problem.Invalid("file", "Problem.FileHasMoreThanRows", MaxRows);

    internal static Problem TooManyColumns(int row) =>
        Problem.Invalid("file", "Problem.RowHasMoreThanColumns", row, MaxColumns);

    internal static Problem CellTooLong(int row) =>
        Problem.Invalid("file", "Problem.RowHasCellLongerThan", row, MaxCellChars);

    internal static Problem DimensionTooLarge(string declared) =>
        Problem.Invalid("file", "Problem.WorksheetDeclaresRangeBeyondColumns", declared, MaxColumns, MaxRows);

    internal static Problem PartTooLarge(string part) =>
        Problem.Invalid("file", "Problem.WorkbookPartTooLarge", part, MaxEntryBytes / 1024 / 1024, MaxWorkbookBytes / 1024 / 1024);

    internal static Problem SharedStringTooLong() =>
        Problem.Invalid("file", "Problem.SharedStringTableHoldsText", MaxCellChars);

    internal static Problem TooManySharedStrings() =>
        Problem.Invalid("file", "Problem.SharedStringTableHasMore", MaxSharedStrings);

    internal static Problem TookTooLong() =>
        Problem.Invalid("file", "Problem.ReadingFileTookMoreThan", ReadBudget.TotalSeconds);

    internal static Problem Unreadable(bool spreadsheet) => spreadsheet
        ? Problem.Invalid("file", "Problem.XLSXFileCouldNotRead")
        : Problem.Invalid("file", "Problem.CSVFileCouldNotRead");
}

/// <summary>A file refused part-way through reading: the limit it passed, or the damage found.</summary>
internal sealed class SheetRefusedException(Problem problem) : Exception(problem.ToString())
{
    public Problem Problem { get; } = problem;
}
