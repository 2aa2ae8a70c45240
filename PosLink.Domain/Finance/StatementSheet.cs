using System.Text;
using System.Text.Unicode;
using CsvHelper;
using MiniExcelLibs;
using PosLink.Domain.Common;

namespace PosLink.Domain.Finance;

/// <summary>
/// A statement file's cells, row by row (row 1 first): a spreadsheet's values as typed there (text, numbers as
/// <see cref="double"/>, dates as <see cref="DateTime"/>), a CSV's as text. Read with the libraries the field uses:
/// MiniExcel for XLSX, CsvHelper for CSV (UTF-8, or GB18030 as Excel and Chinese portals write it).
/// </summary>
public sealed record StatementSheet(IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public const int MaxRows = 200_000;

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    static StatementSheet()
    {
        // GB18030: what Excel and most Chinese portals write a CSV in, when it is not UTF-8.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Whether the bytes are a spreadsheet (an XLSX is a ZIP archive) rather than text.</summary>
    public static bool IsSpreadsheet(ReadOnlySpan<byte> content) => content.StartsWith(ZipMagic);

    public static Result<StatementSheet> Read(string fileName, byte[] content)
    {
        if (content.Length == 0)
        {
            return Problem.Invalid("file", "文件是空的。", "The file is empty.");
        }
        if (content.Length > MaxBytes)
        {
            return Problem.Invalid("file", $"文件过大（{content.Length / 1024 / 1024} MB），最大{MaxBytes / 1024 / 1024} MB。", $"The file is too large ({content.Length / 1024 / 1024} MB); at most {MaxBytes / 1024 / 1024} MB.");
        }
        if (fileName.EndsWith(".xls", StringComparison.OrdinalIgnoreCase) && !IsSpreadsheet(content))
        {
            return Problem.Invalid("file", "不支持旧版Excel（.xls）文件，请另存为XLSX或CSV后上传。", "Old Excel files (.xls) are not supported; save it as XLSX or CSV and upload that.");
        }
        return IsSpreadsheet(content) ? ReadXlsx(content) : ReadCsv(content);
    }

    private static Result<StatementSheet> ReadXlsx(byte[] content)
    {
        var rows = new List<IReadOnlyList<object?>>();
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                if (rows.Count == MaxRows)
                {
                    return TooManyRows();
                }
                var cells = new object?[row.Count];
                var i = 0;
                foreach (var value in row.Values)
                {
                    cells[i++] = value;
                }
                rows.Add(cells);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return Problem.Invalid("file", "无法读取此XLSX文件（文件损坏或不是Excel工作簿）。", "This XLSX file could not be read (it is damaged, or not an Excel workbook).");
        }
        return new StatementSheet(rows);
    }

    private static Result<StatementSheet> ReadCsv(byte[] content)
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
        try
        {
            using var reader = Utf8.IsValid(content)
                ? CsvReader.Create(content.AsMemory(content.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0), options)
                : CsvReader.Create(new MemoryStream(content, writable: false), options with { Encoding = Encoding.GetEncoding("GB18030") });
            while (reader.Read())
            {
                if (rows.Count == MaxRows)
                {
                    return TooManyRows();
                }
                // Row numbers are the file's lines: a skipped empty line keeps its place.
                while (rows.Count < reader.LineNumber - 1)
                {
                    rows.Add([]);
                }
                var cells = new object?[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetString(i);
                }
                rows.Add(cells);
            }
        }
        catch (CsvFormatException ex)
        {
            return Problem.Invalid("file", $"第{ex.LineNumber}行：引号不成对，无法读取为CSV。", $"Row {ex.LineNumber}: unbalanced quotes; the file cannot be read as CSV.");
        }
        return new StatementSheet(rows);
    }

    private static Problem TooManyRows() =>
        Problem.Invalid("file", $"文件超过{MaxRows:N0}行，请按日期拆分后分别导入。", $"The file has more than {MaxRows:N0} rows; split it by date and import each part.");
}
