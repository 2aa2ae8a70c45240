using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PosLink.Domain.Audit;
using PosLink.Domain.Finance;
using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Finance;

/// <summary>Importing the merchant's settlement statement: all or nothing, once per file, every disagreement on the list.</summary>
public class StatementImportTests : IAsyncLifetime
{
    private static readonly StatementColumns Columns = new(1, "银商订单号", StatementKey.OrderId, "交易金额(元)", AmountUnit.Yuan, "清算日期", "手续费(元)");
    private LedgerHarness _h = default!;
    private int _merchantId;

    /// <summary>The ledger's database; <see cref="StatementImportTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync()
    {
        _h = await LedgerHarness.CreateAsync(provider: Provider);
        _merchantId = _h.Jingan.MerchantId;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private DateOnly Today => ChinaTime.TradeDate(_h.Time.GetUtcNow());

    private string Day(int offset = 0) => Today.AddDays(offset).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Csv(params string[] rows) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("银商订单号,交易金额(元),清算日期,手续费(元)\r\n" + string.Join("\r\n", rows) + "\r\n")];

    private async Task<StatementImportResult> ImportAsync(byte[] content, StatementColumns? columns = null, string fileName = "statement.csv", DateOnly? date = null) =>
        (await _h.Statements.ImportAsync(_h.Finance, new StatementUpload(_merchantId, fileName, content, columns ?? Columns, date))).Unwrap();

    private async Task<(int Imports, int Rows, int Differences, int Mappings)> StoredAsync()
    {
        await using var db = await _h.Contexts.CreateDbContextAsync();
        return (await db.StatementImports.CountAsync(), await db.StatementRows.CountAsync(), await db.SettlementDifferences.CountAsync(), await db.StatementMappings.CountAsync());
    }

    [Fact]
    public async Task EveryKindOfStatementDisagreement_JoinsTheReconciliationList_AndAgreeingRowsMatch()
    {
        var agrees = await _h.CompletedAsync(20_000);
        var otherAmount = await _h.CompletedAsync(30_000, 25_000);
        var otherDay = await _h.CompletedAsync(8_000);
        var missing = await _h.CompletedAsync(12_000);
        var stillHeld = await _h.LoadAsync(await _h.HeldAsync(9_000));

        var result = await ImportAsync(Csv(
            $"{agrees.OrderId},200.00,{Day()},0.76",
            $"{otherAmount.OrderId},249.00,{Day()},0.95",
            $"{otherDay.OrderId},80.00,{Day(-1)},0.30",
            $"{stillHeld.OrderId},90.00,{Day()},0.34",
            $"31940000000000000000099,55.50,{Day()},0.21"));

        Assert.Equal((5, 4, 5), (result.Rows, result.Matched, result.Differences));
        var open = await _h.Differences.DifferencesAsync(_h.Finance, new DifferenceFilter(Source: DifferenceSource.Statement));
        Assert.Equal(5, open.Count);
        var amount = Assert.Single(open, d => d.Kind == DifferenceKind.AmountMismatch);
        Assert.Equal((otherAmount.Id, 25_000L, 24_900L, DifferenceFields.StatementAmount), (amount.GuaranteeId!.Value, amount.OurFen, amount.TheirFen, amount.Field));
        var date = Assert.Single(open, d => d.Kind == DifferenceKind.DateMismatch);
        Assert.Equal((otherDay.Id, Today, Today.AddDays(-1)), (date.GuaranteeId!.Value, date.OurDate, date.TheirDate));
        var status = Assert.Single(open, d => d.Kind == DifferenceKind.StatusMismatch);
        Assert.Equal((stillHeld.Id, GuaranteeStatus.Held), (status.GuaranteeId!.Value, status.OurStatus));
        var stranger = Assert.Single(open, d => d.Kind == DifferenceKind.StatementOnly);
        Assert.Equal(("31940000000000000000099", 5_550L, (long?)null), (stranger.OrderId, stranger.TheirFen, stranger.GuaranteeId));
        var ledgerOnly = Assert.Single(open, d => d.Kind == DifferenceKind.LedgerOnly);
        Assert.Equal((missing.Id, 12_000L), (ledgerOnly.GuaranteeId!.Value, ledgerOnly.OurFen));
        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.StatementImport));
    }

    [Fact]
    public async Task AnEstimatedSettlementDate_TakesTheStatementsDate_AndIsAudited()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout));
        await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 20_000);
        await _h.SettleAsync();
        var estimated = await _h.LoadAsync(id);
        Assert.True(estimated.SettlementDateEstimated);
        _h.Time.Advance(TimeSpan.FromDays(1));

        var result = await ImportAsync(Csv($"{estimated.OrderId},200.00,{Day()},0.76"));

        Assert.Equal((1, 0, 1), (result.Matched, result.Differences, result.DatesAdopted));
        var adopted = await _h.LoadAsync(id);
        Assert.Equal((Today, false), (adopted.SettlementDate, adopted.SettlementDateEstimated));
        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.GuaranteeSettlementDate && a.ObjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task AMalformedFile_IsRefusedWithRowAndColumn_AndNothingIsStored()
    {
        var good = await _h.CompletedAsync(20_000);

        var result = await ImportAsync(Csv(
            $"{good.OrderId},200.00,{Day()},0.76",
            $"31940000000000000000001,12.345,{Day()},0.05",
            $",10.00,{Day()},0.05",
            $"31940000000000000000003,10.00,2026-13-45,0.05",
            $"{good.OrderId},200.00,{Day()},0.76"));

        Assert.True(result.Refused);
        Assert.Equal(4, result.ProblemCount);
        Assert.Equal([(3, "交易金额(元)"), (4, "银商订单号"), (5, "清算日期"), (6, "银商订单号")], result.Problems.Select(p => (p.Row, p.Column!)));
        Assert.Contains("Row 3, \"交易金额(元)\"", result.Problems[0].English, StringComparison.Ordinal);
        Assert.Contains("12.345", result.Problems[0].Value, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 0), await StoredAsync());
    }

    [Fact]
    public async Task ReimportingTheSameFile_AddsNothing_AndSaysWhenItWasFirstImported()
    {
        var good = await _h.CompletedAsync(20_000);
        var file = Csv($"{good.OrderId},199.00,{Day()},0.76");
        var first = await ImportAsync(file);
        var stored = await StoredAsync();

        _h.Time.Advance(TimeSpan.FromHours(2));
        var again = await ImportAsync(file, fileName: "statement (1).csv");

        Assert.True(again.AlreadyImported);
        Assert.Equal((first.ImportId, first.ImportedAt), (again.ImportId, again.ImportedAt));
        Assert.Equal(stored, await StoredAsync());
        Assert.Equal((1, 1, 1, 1), stored);
    }

    [Fact]
    public async Task TheMapping_IsRememberedPerMerchant()
    {
        var good = await _h.CompletedAsync(20_000);
        await ImportAsync(Csv($"{good.OrderId},200.00,{Day()},0.76"));

        var preview = (await _h.Statements.PreviewAsync(_h.Finance, _merchantId, "next.csv", Csv($"{good.OrderId},200.00,{Day()},0.76"))).Unwrap();

        Assert.Equal(Columns, preview.Remembered);
    }

    [Fact]
    public async Task AGb18030Csv_WithTitleLinesAndNoDateColumn_ImportsOnTheChosenDate()
    {
        var good = await _h.CompletedAsync(20_000, 18_050);
        var gb18030 = CodePagesEncodingProvider.Instance.GetEncoding("GB18030")!;
        var content = gb18030.GetBytes($"商户结算对账单\r\n商户号：898310148160568\r\n银商订单号,终端号,交易金额(元)\r\n{good.OrderId},JA000001,180.50\r\n合计,,180.50\r\n");

        var preview = (await _h.Statements.PreviewAsync(_h.Finance, _merchantId, "对账单.csv", content)).Unwrap();
        Assert.Equal(3, preview.Suggested.HeaderRow);
        Assert.Equal(["银商订单号", "终端号", "交易金额(元)"], preview.Headers);
        var result = await ImportAsync(content, preview.Suggested with { DateColumn = null, FeeColumn = null }, "对账单.csv", Today);

        Assert.Equal((1, 1, 0), (result.Rows, result.Matched, result.Differences));
    }

    [Fact]
    public async Task AnXlsxStatement_ImportsLikeTheCsv()
    {
        var good = await _h.CompletedAsync(20_000);
        var otherAmount = await _h.CompletedAsync(30_000);
        using var xlsx = new MemoryStream();
        await xlsx.SaveAsAsync(new[]
        {
            new Dictionary<string, object> { ["银商订单号"] = good.OrderId!, ["交易金额(元)"] = 200.00m, ["清算日期"] = Day(), ["手续费(元)"] = 0.76m },
            new Dictionary<string, object> { ["银商订单号"] = otherAmount.OrderId!, ["交易金额(元)"] = 299.99m, ["清算日期"] = Day(), ["手续费(元)"] = 1.14m },
        }, excelType: ExcelType.XLSX);

        var result = await ImportAsync(xlsx.ToArray(), fileName: "statement.xlsx");

        Assert.Equal((2, 2, 1), (result.Rows, result.Matched, result.Differences));
        Assert.Equal(29_999, Assert.Single(await _h.Differences.DifferencesAsync(_h.Finance, new DifferenceFilter())).TheirFen);
    }

    [Fact]
    public async Task AStoreManager_MayNotImport()
    {
        var result = await _h.Statements.ImportAsync(_h.JinganManager, new StatementUpload(_merchantId, "s.csv", Csv($"3194,1.00,{Day()},0"), Columns, null));

        Assert.Equal(FinanceProblems.OnlyFinance, result.Problem);
        Assert.Equal((0, 0, 0, 0), await StoredAsync());
    }
}

/// <summary>Every test of <see cref="StatementImportTests"/>, on PostgreSQL.</summary>
public sealed class StatementImportTestsOnPostgres : StatementImportTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
