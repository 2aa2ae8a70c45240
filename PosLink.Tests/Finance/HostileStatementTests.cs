using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Common;
using PosLink.Domain.Finance;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Finance;

/// <summary>
/// Statement files made to hurt the server: each is built here, in code, and each is refused with the limit it passed
/// named, having cost little memory, and having stored nothing.
/// </summary>
public sealed class HostileStatementTests : IAsyncLifetime
{
    private static readonly StatementColumns Columns = new(1, "银商订单号", StatementKey.OrderId, "交易金额(分)", AmountUnit.Fen, "清算日期");
    private LedgerHarness _h = default!;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>Reads <paramref name="content"/> on this thread, with what it allocated doing so.</summary>
    private static (Result<StatementSheet> Sheet, long AllocatedMb) Read(string fileName, byte[] content)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sheet = StatementSheet.Read(fileName, content);
        return (sheet, (GC.GetAllocatedBytesForCurrentThread() - before) / 1024 / 1024);
    }

    [Theory]
    [InlineData("A1:XFD150")]
    [InlineData("A1:XFD200000")]
    [InlineData("A1:D9999999")]
    public void AWorksheetDeclaringAnAbsurdRange_IsRefusedBeforeItsFirstRow(string dimension)
    {
        // 1.7 KB: a declared range, then rows of one cell each. A reader that sizes its rows by the range spent minutes here.
        var rows = string.Concat(Enumerable.Range(1, 150).Select(r => $"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>x</t></is></c></row>"));
        var xlsx = Xlsx($"<dimension ref=\"{dimension}\"/><sheetData>{rows}</sheetData>");

        var (sheet, allocatedMb) = Read("wide.xlsx", xlsx);

        Assert.Contains(dimension, sheet.Problem!.Chinese, StringComparison.Ordinal);
        Assert.True(allocatedMb < 16, $"{allocatedMb} MB allocated");
    }

    [Fact]
    public void ACellFarToTheRight_IsRefusedByItsColumn()
    {
        var xlsx = Xlsx("<sheetData><row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"XFD3\"><v>1</v></c></row></sheetData>");

        Assert.Equal("第3行超过256列，这不是对账单的格式。", StatementSheet.Read("far.xlsx", xlsx).Problem!.Chinese);
    }

    [Theory]
    [InlineData(400, "xl/sharedStrings.xml")]
    [InlineData(50, "共享字符串表")]
    public void AHugeSharedString_IsRefused_WithoutBeingHeld(int megabytes, string named)
    {
        // Under a megabyte compressed, one text of hundreds of MB decompressed: refused by the part's size, or by its
        // text's length when the part is within its limit.
        var xlsx = Xlsx("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>", sharedStrings: zip =>
        {
            using var part = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.SmallestSize).Open();
            part.Write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>"u8);
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)'a');
            for (var i = 0; i < megabytes; i++)
            {
                part.Write(block);
            }
            part.Write("</t></si></sst>"u8);
        });
        Assert.True(xlsx.Length < 1024 * 1024, $"{xlsx.Length} bytes");

        var (sheet, allocatedMb) = Read("strings.xlsx", xlsx);

        Assert.Contains(named, sheet.Problem!.Chinese, StringComparison.Ordinal);
        Assert.True(allocatedMb < 16, $"{allocatedMb} MB allocated");
    }

    [Fact]
    public void AWorksheetBeyondTheDecompressedLimit_IsRefusedAsItIsRead()
    {
        // Whitespace between rows: nothing a cell limit sees, 110 MB once decompressed.
        var xlsx = Xlsx(null, sheet: zip =>
        {
            using var part = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
            part.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8);
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)' ');
            for (var i = 0; i < 110; i++)
            {
                part.Write(block);
            }
            part.Write("</sheetData></worksheet>"u8);
        });

        var (sheet, allocatedMb) = Read("padded.xlsx", xlsx);

        Assert.Contains("xl/worksheets/sheet1.xml", sheet.Problem!.Chinese, StringComparison.Ordinal);
        Assert.Contains("100 MB", sheet.Problem.Chinese, StringComparison.Ordinal);
        Assert.True(allocatedMb < 16, $"{allocatedMb} MB allocated");
    }

    [Fact]
    public void AnEntityExpandingWorksheet_IsRefusedAsUnreadable()
    {
        var xlsx = Xlsx(null, sheet: zip =>
        {
            using var part = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            part.Write("<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>");
        });

        Assert.Equal("无法读取此XLSX文件（文件损坏或不是Excel工作簿）。", StatementSheet.Read("dtd.xlsx", xlsx).Problem!.Chinese);
    }

    [Fact]
    public void ACsvHeaderOfFiveMillionEmptyColumns_IsRefusedByItsColumns()
    {
        var csv = Encoding.ASCII.GetBytes(new string(',', 5_000_000) + "\r\n1,2\r\n");

        var (sheet, allocatedMb) = Read("wide.csv", csv);

        Assert.Equal("第1行超过256列，这不是对账单的格式。", sheet.Problem!.Chinese);
        Assert.True(allocatedMb < 256, $"{allocatedMb} MB allocated");
    }

    [Fact]
    public void ACsvCellLongerThanAnyStatementsCell_IsRefusedWithItsRow()
    {
        var csv = Encoding.UTF8.GetBytes("银商订单号,交易金额(分),清算日期\r\n3194," + new string('9', 5_000) + ",20261201\r\n");

        Assert.Equal("第2行有单元格超过1,000个字符，这不是对账单的内容。", StatementSheet.Read("long.csv", csv).Problem!.Chinese);
    }

    [Fact]
    public async Task AmountsBeyondAnyRealFigure_AreRowErrors_AndNothingIsStored()
    {
        var csv = new StringBuilder("银商订单号,交易金额(分),清算日期\r\n");
        var day = ChinaTime.TradeDate(_h.Time.GetUtcNow()).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 10_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"3194{i:D10},999999999999999,{day}\r\n");
        }

        var result = (await _h.Statements.ImportAsync(_h.Finance, new StatementUpload(_h.Jingan.MerchantId, "big.csv", Encoding.UTF8.GetBytes(csv.ToString()), Columns, null))).Unwrap();

        Assert.Equal(10_000, result.ProblemCount);
        var first = result.Problems[0];
        Assert.Equal((2, "交易金额(分)"), (first.Row, first.Column));
        Assert.Equal("第2行“交易金额(分)”：交易金额超过上限¥100,000,000.00。", first.Chinese);
        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.StatementImports.CountAsync());
    }

    [Fact]
    public async Task AFileStillBeingReadWhenTheBudgetRunsOut_IsStoppedWithAMessage()
    {
        var preview = _h.Statements.PreviewAsync(_h.Finance, _h.Jingan.MerchantId, "long.csv", LongCsv());
        _h.Time.Advance(SheetLimits.ReadBudget);

        Assert.Equal("读取此文件超过10秒，已停止；请检查文件是否为对账单。", (await preview).Problem!.Chinese);
    }

    [Fact]
    public async Task AFileWhosePageClosed_StopsBeingRead()
    {
        using var closing = new CancellationTokenSource();
        await closing.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Statements.PreviewAsync(_h.Finance, _h.Jingan.MerchantId, "long.csv", LongCsv(), cancellationToken: closing.Token));
    }

    /// <summary>A real statement's shape at the row limit: long enough to be read for a while.</summary>
    private static byte[] LongCsv()
    {
        var csv = new StringBuilder("银商订单号,交易金额(分),清算日期\r\n");
        for (var i = 0; i < SheetLimits.MaxRows - 1; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"3194{i:D10},100,20261201\r\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>
    /// A minimal workbook: its first sheet is <paramref name="sheetData"/> inside a worksheet element, or what
    /// <paramref name="sheet"/> writes; <paramref name="sharedStrings"/> may add the shared-string part.
    /// </summary>
    private static byte[] Xlsx(string? sheetData, Action<ZipArchive>? sharedStrings = null, Action<ZipArchive>? sheet = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
            Part("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Part("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Part("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            if (sheet is not null)
            {
                sheet(zip);
            }
            else
            {
                Part("xl/worksheets/sheet1.xml", $"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{sheetData}</worksheet>");
            }
            sharedStrings?.Invoke(zip);
        }
        return buffer.ToArray();
    }
}
