using MiniExcelLibs;
using PosLink.Domain.Finance;

namespace PosLink.Tests.Finance;

/// <summary>What the statement reader makes of a workbook Excel-like tools write: texts, numbers and dates as typed there.</summary>
public sealed class XlsxSheetReaderTests
{
    [Fact]
    public async Task AWorkbook_ReadsAsItsCells_TextsNumbersAndDates()
    {
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(new[]
        {
            new Dictionary<string, object> { ["银商订单号"] = "31940001", ["交易金额(元)"] = 200.5m, ["清算日期"] = new DateTime(2026, 12, 1) },
        }, excelType: ExcelType.XLSX);

        var rows = StatementSheet.Read("s.xlsx", xlsx.ToArray()).Unwrap().Rows;

        Assert.Equal(["银商订单号", "交易金额(元)", "清算日期"], rows[0]);
        Assert.Equal(["31940001", 200.5, new DateTime(2026, 12, 1)], rows[1]);
    }

    [Theory]
    [InlineData("yyyy-mm-dd", true)]
    [InlineData("[$-804]yyyy\"年\"m\"月\"d\"日\"", true)]
    [InlineData("h:mm:ss", true)]
    [InlineData("#,##0.00", false)]
    [InlineData("\"day\" 0", false)]
    [InlineData("[Red]0.00", false)]
    public void ACustomNumberFormat_IsADate_WhenItShowsDatePartsOutsideQuotesAndBrackets(string format, bool isDate)
    {
        Assert.Equal(isDate, XlsxSheetReader.IsDateFormat(format));
    }
}
