using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using PosLink.Domain.Common;

namespace PosLink.Domain.Finance;

/// <summary>
/// Reads the first worksheet of an XLSX as <see cref="StatementSheet"/> rows, one streaming pass per part, with every
/// cost bounded by <see cref="SheetLimits"/>: decompressed bytes (counted as they are read, whatever the archive
/// declares), columns, cell length, the declared dimension and the shared-string table. A general-purpose reader
/// sizes its rows by the declared dimension, so a 2 KB sheet declaring <c>A1:XFD150</c> cost minutes of CPU; here
/// it is refused before its first row. No DTD is read (no entity expansion, no external entity).
/// </summary>
internal sealed class XlsxSheetReader
{
    private static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    // Excel's built-in number formats that show a date or a time (ECMA-376 18.8.30, with the CJK ones).
    private static readonly HashSet<int> BuiltInDateFormats = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];

    private readonly ZipArchive _zip;
    private readonly CancellationToken _cancellationToken;
    private readonly char[] _chunk = new char[4096];
    private long _bytesRead;

    private XlsxSheetReader(ZipArchive zip, CancellationToken cancellationToken) => (_zip, _cancellationToken) = (zip, cancellationToken);

    /// <summary>The rows of the workbook's first sheet; throws <see cref="SheetRefusedException"/> at the first limit passed.</summary>
    public static List<IReadOnlyList<object?>> Read(byte[] content, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        var reader = new XlsxSheetReader(zip, cancellationToken);
        var (sheet, sharedStrings, styles) = reader.Parts();
        var strings = sharedStrings is null ? [] : reader.SharedStrings(sharedStrings);
        var dates = styles is null ? [] : reader.DateStyles(styles);
        return reader.Rows(sheet, strings, dates);
    }

    /// <summary>The first sheet's part, and the shared strings and styles the workbook names.</summary>
    private (ZipArchiveEntry Sheet, ZipArchiveEntry? SharedStrings, ZipArchiveEntry? Styles) Parts()
    {
        string? firstSheetId = null;
        using (var workbook = Open(Entry("xl/workbook.xml") ?? throw Damaged()))
        {
            while (workbook.Read())
            {
                if (workbook.NodeType == XmlNodeType.Element && workbook.LocalName == "sheet")
                {
                    firstSheetId = workbook.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
                    break;
                }
            }
        }
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        string? sharedStrings = null, styles = null;
        if (Entry("xl/_rels/workbook.xml.rels") is { } relations)
        {
            using var rels = Open(relations);
            while (rels.Read())
            {
                if (rels.NodeType != XmlNodeType.Element || rels.LocalName != "Relationship" || rels.GetAttribute("Target") is not { } target)
                {
                    continue;
                }
                var path = target.StartsWith('/') ? target[1..] : "xl/" + target;
                var type = rels.GetAttribute("Type") ?? "";
                if (type.EndsWith("/sharedStrings", StringComparison.Ordinal))
                {
                    sharedStrings = path;
                }
                else if (type.EndsWith("/styles", StringComparison.Ordinal))
                {
                    styles = path;
                }
                if (rels.GetAttribute("Id") is { } id)
                {
                    targets[id] = path;
                }
            }
        }
        var sheetPath = firstSheetId is not null && targets.TryGetValue(firstSheetId, out var p) ? p : "xl/worksheets/sheet1.xml";
        return (Entry(sheetPath) ?? throw Damaged(), Entry(sharedStrings ?? "xl/sharedStrings.xml"), Entry(styles ?? "xl/styles.xml"));
    }

    private List<string> SharedStrings(ZipArchiveEntry part)
    {
        var strings = new List<string>();
        var text = new StringBuilder();
        using var xml = Open(part);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "si")
            {
                continue;
            }
            if (strings.Count == SheetLimits.MaxSharedStrings)
            {
                throw new SheetRefusedException(SheetLimits.TooManySharedStrings());
            }
            _cancellationToken.ThrowIfCancellationRequested();
            text.Clear();
            ReadRichText(xml, text, SheetLimits.SharedStringTooLong);
            strings.Add(text.ToString());
        }
        return strings;
    }

    /// <summary>Which cell styles (by index) show a number as a date: their cells are dates, as Excel shows them.</summary>
    private List<bool> DateStyles(ZipArchiveEntry part)
    {
        var custom = new Dictionary<int, bool>();
        var styles = new List<bool>();
        using var xml = Open(part);
        var inCellFormats = false;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
            {
                break;
            }
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            switch (xml.LocalName)
            {
                case "numFmt" when int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var id):
                    custom[id] = IsDateFormat(xml.GetAttribute("formatCode") ?? "");
                    break;
                case "cellXfs":
                    inCellFormats = true;
                    break;
                case "xf" when inCellFormats:
                    if (styles.Count == ushort.MaxValue)
                    {
                        throw Damaged();
                    }
                    var format = int.TryParse(xml.GetAttribute("numFmtId"), CultureInfo.InvariantCulture, out var f) ? f : 0;
                    styles.Add(custom.TryGetValue(format, out var isDate) ? isDate : BuiltInDateFormats.Contains(format));
                    break;
            }
        }
        return styles;
    }

    /// <summary>Whether a custom number format shows a date or time: a y, m, d, h or s outside quoted text, colours and escapes.</summary>
    internal static bool IsDateFormat(string formatCode)
    {
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < formatCode.Length; i++)
        {
            var c = formatCode[i];
            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '\\' when !quoted:
                    i++;
                    break;
                case '[' when !quoted:
                    bracket = true;
                    break;
                case ']' when !quoted:
                    bracket = false;
                    break;
                default:
                    if (!quoted && !bracket && "ymdhsYMDHS".Contains(c, StringComparison.Ordinal))
                    {
                        return true;
                    }
                    break;
            }
        }
        return false;
    }

    private List<IReadOnlyList<object?>> Rows(ZipArchiveEntry part, List<string> strings, List<bool> dateStyles)
    {
        var rows = new List<IReadOnlyList<object?>>();
        var cells = new object?[SheetLimits.MaxColumns];
        var text = new StringBuilder();
        using var xml = Open(part);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (xml.LocalName == "dimension")
            {
                CheckDimension(xml.GetAttribute("ref") ?? "");
                continue;
            }
            if (xml.LocalName != "row")
            {
                continue;
            }
            _cancellationToken.ThrowIfCancellationRequested();
            var number = int.TryParse(xml.GetAttribute("r"), CultureInfo.InvariantCulture, out var r) ? r : rows.Count + 1;
            if (number > SheetLimits.MaxRows)
            {
                throw new SheetRefusedException(SheetLimits.TooManyRows());
            }
            if (number <= rows.Count)
            {
                throw Damaged();
            }
            // Row numbers are the sheet's: rows it leaves out stay in their place, empty.
            while (rows.Count < number - 1)
            {
                rows.Add([]);
            }
            Array.Clear(cells);
            var width = ReadRow(xml, number, cells, text, strings, dateStyles);
            rows.Add(cells[..width]);
        }
        return rows;
    }

    /// <summary>Reads one <c>row</c> element's cells into <paramref name="cells"/>; returns how many columns it spans.</summary>
    private int ReadRow(XmlReader xml, int row, object?[] cells, StringBuilder text, List<string> strings, List<bool> dateStyles)
    {
        if (xml.IsEmptyElement)
        {
            return 0;
        }
        var depth = xml.Depth;
        var width = 0;
        var next = 0;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c")
            {
                continue;
            }
            var column = xml.GetAttribute("r") is { } reference ? Column(reference, row) : next;
            if (column >= SheetLimits.MaxColumns)
            {
                throw new SheetRefusedException(SheetLimits.TooManyColumns(row));
            }
            var type = xml.GetAttribute("t") ?? "n";
            var style = int.TryParse(xml.GetAttribute("s"), CultureInfo.InvariantCulture, out var s) ? s : 0;
            text.Clear();
            var hasValue = ReadCellText(xml, text, row);
            cells[column] = hasValue ? Value(type, text.ToString(), style, strings, dateStyles) : null;
            next = column + 1;
            width = Math.Max(width, next);
        }
        return width;
    }

    /// <summary>Collects a <c>c</c> element's value (<c>v</c>, or an inline string's runs), bounded; false when it has none.</summary>
    private bool ReadCellText(XmlReader xml, StringBuilder text, int row)
    {
        if (xml.IsEmptyElement)
        {
            return false;
        }
        var depth = xml.Depth;
        var found = false;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (xml.LocalName == "v")
            {
                ReadTextContent(xml, text, () => SheetLimits.CellTooLong(row));
                found = true;
            }
            else if (xml.LocalName == "is")
            {
                ReadRichText(xml, text, () => SheetLimits.CellTooLong(row));
                found = true;
            }
        }
        return found;
    }

    /// <summary>An <c>si</c> or <c>is</c> element's text: its <c>t</c> runs, without the phonetic guide (<c>rPh</c>).</summary>
    private void ReadRichText(XmlReader xml, StringBuilder text, Func<Problem> tooLong)
    {
        if (xml.IsEmptyElement)
        {
            return;
        }
        var depth = xml.Depth;
        var phonetic = -1;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == phonetic)
            {
                phonetic = -1;
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh" && !xml.IsEmptyElement)
            {
                phonetic = xml.Depth;
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t" && phonetic < 0)
            {
                ReadTextContent(xml, text, tooLong);
            }
        }
    }

    /// <summary>A text-only element's content, read in chunks so that a huge one is refused before it is held.</summary>
    private void ReadTextContent(XmlReader xml, StringBuilder text, Func<Problem> tooLong)
    {
        if (xml.IsEmptyElement)
        {
            return;
        }
        var depth = xml.Depth;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            if (xml.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace))
            {
                continue;
            }
            int read;
            while ((read = xml.ReadValueChunk(_chunk, 0, _chunk.Length)) > 0)
            {
                if (text.Length + read > SheetLimits.MaxCellChars)
                {
                    throw new SheetRefusedException(tooLong());
                }
                text.Append(_chunk, 0, read);
            }
        }
    }

    private static object? Value(string type, string text, int style, List<string> strings, List<bool> dateStyles)
    {
        switch (type)
        {
            case "s":
                return int.TryParse(text, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < strings.Count ? strings[index] : throw Damaged();
            case "str" or "inlineStr" or "e":
                return text;
            case "b":
                return text == "1";
            case "d":
                return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : text;
            default:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return text;
                }
                var isDate = style >= 0 && style < dateStyles.Count && dateStyles[style];
                return isDate && number is >= 0 and < 2958466 ? DateTime.FromOADate(number) : number;
        }
    }

    /// <summary>Refuses a declared range beyond the limits (<c>A1:XFD150</c>) before any row is read.</summary>
    private static void CheckDimension(string declared)
    {
        var last = declared.Split(':')[^1];
        var letters = last.TakeWhile(char.IsAsciiLetter).Count();
        if (letters == 0)
        {
            return;
        }
        var tooWide = letters > 2 || Column(last, 0) >= SheetLimits.MaxColumns;
        var tooLong = int.TryParse(last.AsSpan(letters), CultureInfo.InvariantCulture, out var rows) && rows > SheetLimits.MaxRows;
        if (tooWide || tooLong)
        {
            throw new SheetRefusedException(SheetLimits.DimensionTooLarge(declared.Length <= 20 ? declared : declared[..20] + "…"));
        }
    }

    /// <summary>A cell reference's column, from 0 (<c>B3</c> is 1); any column past the limit reads as the limit.</summary>
    private static int Column(string reference, int row)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
            if (column > SheetLimits.MaxColumns)
            {
                throw new SheetRefusedException(SheetLimits.TooManyColumns(row));
            }
        }
        return column == 0 ? throw Damaged() : column - 1;
    }

    private ZipArchiveEntry? Entry(string path) =>
        _zip.GetEntry(path) ?? _zip.Entries.FirstOrDefault(e => string.Equals(e.FullName, path, StringComparison.OrdinalIgnoreCase));

    /// <summary>A part as XML, its decompressed bytes counted against the part's and the workbook's limits as they are read.</summary>
    private XmlReader Open(ZipArchiveEntry entry)
    {
        if (entry.Length > SheetLimits.MaxEntryBytes || _bytesRead + entry.Length > SheetLimits.MaxWorkbookBytes)
        {
            throw new SheetRefusedException(SheetLimits.PartTooLarge(entry.FullName));
        }
        var counted = new CountingStream(entry.Open(), read =>
        {
            _bytesRead += read;
            if (_bytesRead > SheetLimits.MaxWorkbookBytes)
            {
                throw new SheetRefusedException(SheetLimits.PartTooLarge(entry.FullName));
            }
        }, SheetLimits.MaxEntryBytes, () => new SheetRefusedException(SheetLimits.PartTooLarge(entry.FullName)));
        return XmlReader.Create(counted, Xml);
    }

    private static SheetRefusedException Damaged() => new(SheetLimits.Unreadable(spreadsheet: true));
}
