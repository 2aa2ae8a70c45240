using System.Text;
using System.Text.Unicode;
using CsvHelper;
using PosLink.Domain.Common;

namespace PosLink.Domain.Finance;

/// <summary>
/// A statement file's cells, row by row (row 1 first): a spreadsheet's values as typed there (text, numbers as
/// <see cref="double"/>, dates as <see cref="DateTime"/>), a CSV's as text. XLSX is read by <see cref="XlsxSheetReader"/>,
/// CSV with CsvHelper (UTF-8, or GB18030 as Excel and Chinese portals write it); both within <see cref="SheetLimits"/>,
/// whatever the file's size or shape.
/// </summary>
public sealed record StatementSheet(IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public const int MaxBytes = SheetLimits.MaxBytes;
    public const int MaxRows = SheetLimits.MaxRows;

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    static StatementSheet()
    {
        // GB18030: what Excel and most Chinese portals write a CSV in, when it is not UTF-8.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Whether the bytes are a spreadsheet (an XLSX is a ZIP archive) rather than text.</summary>
    public static bool IsSpreadsheet(ReadOnlySpan<byte> content) => content.StartsWith(ZipMagic);

    /// <summary>
    /// Reads the file, or says why not: a limit passed, damage, or <paramref name="cancellationToken"/> (the caller's
    /// time budget, or the page closing) stopping it. Never throws for anything in the file.
    /// </summary>
    public static Result<StatementSheet> Read(string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        if (content.Length == 0)
        {
            return Problem.Invalid("file", "Problem.FileEmpty");
        }
        if (content.Length > MaxBytes)
        {
            return Problem.Invalid("file", "Problem.FileTooLargeMBAt", content.Length / 1024 / 1024, MaxBytes / 1024 / 1024);
        }
        if (fileName.EndsWith(".xls", StringComparison.OrdinalIgnoreCase) && !IsSpreadsheet(content))
        {
            return Problem.Invalid("file", "Problem.OldExcelFilesXlsNot");
        }
        var spreadsheet = IsSpreadsheet(content);
        try
        {
            return new StatementSheet(spreadsheet ? XlsxSheetReader.Read(content, cancellationToken) : ReadCsv(content, cancellationToken));
        }
        catch (SheetRefusedException refused)
        {
            return refused.Problem;
        }
        catch (CsvFormatException ex)
        {
            return Problem.Invalid("file", "Problem.RowUnbalancedQuotesFileCannot", ex.LineNumber);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException
                                       or FormatException or OverflowException or ArgumentException or DecoderFallbackException)
        {
            return SheetLimits.Unreadable(spreadsheet);
        }
    }

    private static List<IReadOnlyList<object?>> ReadCsv(byte[] content, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<object?>>();
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            // Without it, a value and its position are in the exception's message: both are ours to say, in our words.
            IncludeValuesInExceptions = false,
        };
        using var reader = Utf8.IsValid(content)
            ? CsvReader.Create(content.AsMemory(content.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0), options)
            : CsvReader.Create(new MemoryStream(content, writable: false), options with { Encoding = Encoding.GetEncoding("GB18030") });
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rows.Count == MaxRows)
            {
                throw new SheetRefusedException(SheetLimits.TooManyRows());
            }
            var row = (int)reader.LineNumber;
            if (reader.FieldCount > SheetLimits.MaxColumns)
            {
                throw new SheetRefusedException(SheetLimits.TooManyColumns(row));
            }
            // Row numbers are the file's lines: a skipped empty line keeps its place.
            while (rows.Count < reader.LineNumber - 1)
            {
                rows.Add([]);
            }
            var cells = new object?[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                var cell = reader.GetString(i);
                cells[i] = cell.Length <= SheetLimits.MaxCellChars ? cell : throw new SheetRefusedException(SheetLimits.CellTooLong(row));
            }
            rows.Add(cells);
        }
        return rows;
    }
}
