using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Benchmarks.Ledgers;
using PosLink.Domain.Exports;
using PosLink.Domain.Finance;
using PosLink.Web.Resources;

namespace PosLink.Benchmarks;

/// <summary>
/// Finance at a chain's size: a 10,000-row statement imported (target ≤ 1 s), 100,000 completions exported as CSV
/// and XLSX (streamed: the managed heap may grow by less than 50 MB while they are written), and the settlements
/// report over the same ten days.
/// </summary>
[Config(typeof(LongOperationConfig))]
public class FinanceBenchmarks
{
    private FinanceLedger _ledger = default!;
    private byte[] _statement = default!;
    private int _merchantId;
    private readonly StatementColumns _columns = new(1, "银商订单号", StatementKey.OrderId, "交易金额(元)", AmountUnit.Yuan, "清算日期", "手续费(元)");
    private readonly SettlementFilter _tenDays = new(FinanceLedger.FirstDay, FinanceLedger.LastDay);

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _ledger = await FinanceLedger.OpenAsync();
        _statement = await _ledger.StatementAsync(FinanceLedger.FirstDay.AddDays(4));
        await using var db = await _ledger.Contexts.CreateDbContextAsync();
        _merchantId = await db.Merchants.Select(m => m.Id).SingleAsync();
    }

    /// <summary>Each import starts from no statement at all (else the second is recognized by its hash and does nothing).</summary>
    [IterationSetup(Target = nameof(ImportStatement10000Rows))]
    public void ForgetStatements()
    {
        using var db = _ledger.Contexts.CreateDbContext();
        db.SettlementDifferences.ExecuteDelete();
        db.StatementRows.ExecuteDelete();
        db.StatementImports.ExecuteDelete();
        db.StatementMappings.ExecuteDelete();
    }

    [Benchmark]
    public async Task<StatementImportResult> ImportStatement10000Rows()
    {
        var result = (await _ledger.Services.GetRequiredService<StatementImporter>()
            .ImportAsync(FinanceLedger.Finance, new StatementUpload(_merchantId, "statement.csv", _statement, _columns, null))).Unwrap();
        var perDay = _ledger.CompletionsPerDay;
        return result.Rows == perDay && result.Differences == perDay / 100
            ? result
            : throw new InvalidOperationException($"Expected {perDay} rows and {perDay / 100} differences, got {result}.");
    }

    [Benchmark]
    public Task<long> ExportSettlements100000RowsCsv() => ExportAsync(ExportFormat.Csv);

    [Benchmark]
    public Task<long> ExportSettlements100000RowsXlsx() => ExportAsync(ExportFormat.Xlsx);

    [Benchmark]
    public async Task<SettlementReport> SettlementReportTenDays() =>
        (await _ledger.Services.GetRequiredService<SettlementQueries>().ReportAsync(FinanceLedger.Finance, _tenDays)).Unwrap();

    /// <summary>After the timed runs (a full collection every megabyte would distort them): what the export keeps alive at its worst.</summary>
    [GlobalCleanup(Target = nameof(ExportSettlements100000RowsCsv))]
    public Task MeasureCsvHeapAsync() => MeasureHeapAsync(ExportFormat.Csv);

    [GlobalCleanup(Target = nameof(ExportSettlements100000RowsXlsx))]
    public Task MeasureXlsxHeapAsync() => MeasureHeapAsync(ExportFormat.Xlsx);

    private async Task MeasureHeapAsync(ExportFormat format)
    {
        var bytes = await ExportAsync(format, watch: true);
        var growth = HeapWatchingStream.PeakGrowth[format.ToString()];
        Figures.Record($"B10-heap-{format}", growth);
        Console.WriteLine($"// [finance] export {format}: {_ledger.Completions:N0} rows, {bytes / 1024.0 / 1024.0:0.0} MB written, " +
                          $"live managed heap at most {growth / 1024.0 / 1024.0:0.0} MB above its start (target < 50 MB)");
    }

    private async Task<long> ExportAsync(ExportFormat format, bool watch = false)
    {
        var rows = _ledger.Services.GetRequiredService<SettlementQueries>().StreamAsync(FinanceLedger.Finance, _tenDays);
        await using var sink = new HeapWatchingStream(format.ToString(), watch);
        await ExportWriter.WriteAsync(format, sink, ExportTables.Settlements(), rows, L.Say, "结算明细");
        return sink.Length;
    }
}
