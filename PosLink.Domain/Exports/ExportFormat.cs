using System.Runtime.CompilerServices;
using CsvHelper;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using PosLink.Domain.Text;

namespace PosLink.Domain.Exports;

/// <summary>The file formats an export is written in.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Writes rows to a stream as they are read, never all in memory: CSV with CsvHelper (UTF-8 with a byte order mark,
/// so Excel opens Chinese correctly), XLSX with MiniExcel. Formula-like text is neutralized in both.
/// </summary>
public static class ExportWriter
{
    public static string ContentType(ExportFormat format) => format == ExportFormat.Csv
        ? "text/csv; charset=utf-8"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Extension(ExportFormat format) => format == ExportFormat.Csv ? "csv" : "xlsx";

    public static Task WriteAsync<T>(ExportFormat format, Stream destination, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, Func<Phrase, string> say,
        string sheetName, CancellationToken cancellationToken = default) => format == ExportFormat.Csv
        ? WriteCsvAsync(destination, columns, rows, say, cancellationToken)
        : WriteXlsxAsync(destination, columns, rows, say, sheetName, cancellationToken);

    private static async Task WriteCsvAsync<T>(Stream destination, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, Func<Phrase, string> say, CancellationToken cancellationToken)
    {
        var options = new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(destination, options, leaveOpen: true);
        foreach (var column in columns)
        {
            csv.WriteField(say(new Phrase(column.Key)));
        }
        await csv.EndRecordAsync(cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var column in columns)
            {
                switch (Worded(column.Cell(row), say))
                {
                    case null:
                        csv.WriteField((string?)null);
                        break;
                    case decimal yuan:
                        csv.WriteField(yuan, "0.00");
                        break;
                    case long number:
                        csv.WriteField(number, "");
                        break;
                    case int number:
                        csv.WriteField(number, "");
                        break;
                    case DateTime at:
                        csv.WriteField(at, "yyyy-MM-dd HH:mm:ss");
                        break;
                    case DateOnly date:
                        csv.WriteField(date, "yyyy-MM-dd");
                        break;
                    case var other:
                        csv.WriteField(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    private static async Task WriteXlsxAsync<T>(Stream destination, IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, Func<Phrase, string> say, string sheetName,
        CancellationToken cancellationToken)
    {
        // A ZIP's last part (its central directory) is written synchronously when MiniExcel closes the archive; the
        // adapter keeps those few bytes and sends them asynchronously, so a response body never blocks a thread.
        await using var target = new AsyncWriteStream(destination);
        var formats = new OpenXmlConfiguration
        {
            DynamicColumns = columns.Where(c => c.SpreadsheetFormat is not null)
                .Select(c => new DynamicExcelColumn(say(new Phrase(c.Key))) { Format = c.SpreadsheetFormat })
                .ToArray(),
        };
        await MiniExcel.SaveAsAsync(target, Cells(columns, rows, say, cancellationToken), sheetName: sheetName, excelType: ExcelType.XLSX, configuration: formats,
            cancellationToken: cancellationToken);
        await target.FlushPendingAsync(cancellationToken);
    }

    private static async IAsyncEnumerable<IDictionary<string, object?>> Cells<T>(IReadOnlyList<ExportColumn<T>> columns, IAsyncEnumerable<T> rows, Func<Phrase, string> say,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = columns.Select(c => say(new Phrase(c.Key))).ToArray();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var cells = new Dictionary<string, object?>(columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = Worded(columns[i].Cell(row), say);
                cells[names[i]] = value switch
                {
                    string text => ExportCells.Neutralize(text),
                    DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    _ => value,
                };
            }
            yield return cells;
        }
    }

    /// <summary>A coded cell in words: an enum by its catalogue name, a yes/no, a phrase; anything else as it is.</summary>
    private static object? Worded(object? cell, Func<Phrase, string> say) => cell switch
    {
        Enum coded => say(new Phrase($"{coded.GetType().Name}.{coded}")),
        bool yes => say(new Phrase(yes ? "Export.Yes" : "Export.No")),
        Phrase phrase => say(phrase),
        _ => cell,
    };
}
