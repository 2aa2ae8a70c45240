using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Reports;

namespace PosLink.Benchmarks;

/// <summary>One line of the results table: a figure, its baseline from the same run, and whether the target is met.</summary>
public sealed record Result(string Id, string Measure, double? Value, double? Baseline, double? Ratio, string Target, bool Met, string Unit, string? Note = null);

/// <summary>
/// Turns a run's BenchmarkDotNet summaries and self-measured <see cref="Figures"/> into the table README shows
/// (measure, figure, baseline, ratio, target, met) and <c>results/latest.json</c>.
/// </summary>
public sealed class Report(IEnumerable<Summary> summaries, IReadOnlyDictionary<string, double> figures)
{
    private readonly Dictionary<string, double> _means = summaries.SelectMany(s => s.Reports)
        .Where(r => r.ResultStatistics is not null)
        .GroupBy(r => Key(r.BenchmarkCase.Descriptor.Type.Name, r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
            string.Join(",", r.BenchmarkCase.Parameters.Items.Select(p => $"{p.Name}={p.Value}"))))
        .ToDictionary(g => g.Key, g => g.First().ResultStatistics!.Mean / 1_000_000.0);

    private readonly Dictionary<string, double> _allocated = summaries.SelectMany(s => s.Reports)
        .Where(r => r.ResultStatistics is not null && r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) is not null)
        .GroupBy(r => Key(r.BenchmarkCase.Descriptor.Type.Name, r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
            string.Join(",", r.BenchmarkCase.Parameters.Items.Select(p => $"{p.Name}={p.Value}"))))
        .ToDictionary(g => g.Key, g => (double)g.First().GcStats.GetBytesAllocatedPerOperation(g.First().BenchmarkCase)!.Value);

    private static string Key(string type, string method, string parameters) => $"{type}.{method}[{parameters}]";

    private double? Mean(string type, string method, string parameters = "") =>
        _means.TryGetValue(Key(type, method, parameters), out var ms) ? ms : null;

    /// <summary>Bytes allocated per operation, in kilobytes.</summary>
    private double? Allocated(string type, string method, string parameters = "") =>
        _allocated.TryGetValue(Key(type, method, parameters), out var bytes) ? bytes / 1024 : null;

    private double? Figure(string key) => figures.TryGetValue(key, out var v) ? v : null;

    public IReadOnlyList<Result> Results()
    {
        const string page = nameof(HoldsPageBenchmarks), sweep = nameof(SweepBenchmarks), finance = nameof(FinanceBenchmarks);
        const string jobs = nameof(Web.JobsBenchmarks), call = nameof(Web.GatewayCallBenchmarks), grid = nameof(Web.GridBenchmarks);
        string Db(string provider) => $"Provider={provider}";
        return
        [
            AtMost("B1", "holds page: 50 rows, store + status, newest first (SQLite)", Mean(page, "StorePage", Db("Sqlite")), Mean(page, "ByHandStorePage", Db("Sqlite")), 1.5),
            AtMost("B1", "holds page 10,000 against page 1 (SQLite)", Mean(page, "EveryHoldPage10000", Db("Sqlite")), Mean(page, "EveryHoldFirstPage", Db("Sqlite")), 1.2),
            AtMost("B1", "holds search page: a store's holds searched for four digits none has, against the same search by hand (SQLite)", Mean(page, "SearchPage", Db("Sqlite")), Mean(page, "ByHandSearchPage", Db("Sqlite")), 1.5),
            AtMost("B2", "totals of one store's held holds against its page (SQLite)", Mean(page, "StoreTotals", Db("Sqlite")), Mean(page, "StorePage", Db("Sqlite")), 2),
            Within("B2", "totals of every hold (SQLite)", Mean(page, "EveryHoldTotals", Db("Sqlite")), 50, "ms"),
            Writers("Sqlite"),
            AtLeast("B4", "status sweep against the naive loop (SQLite)", Mean(sweep, "Sweep"), Mean(sweep, "NaiveLoop"), 5),
            AtMost("B4", $"status sweep of {SweepLatencyBenchmarks.Slow.Holds:N0} holds at 20 ms gateway latency against the bound its calls in flight set (holds × latency ÷ {new PosLink.Web.Jobs.JobOptions().MaxConcurrentGatewayCalls}) (SQLite)",
                Mean(nameof(SweepLatencyBenchmarks), "Sweep"), SweepLatencyBenchmarks.BoundMs, 1.3),
            AtMost("B5", $"the status sweep of {Web.JobsBenchmarks.HoldCount} holds run by Hangfire against the same job called directly (app + sandbox)", Mean(jobs, "SweepRunByHangfire"), Mean(jobs, "SweepCalledDirectly"), 1.2),
            AtMost("B6", "gateway client call to the sandbox (serialize, sign, send, read) against the same call presigned", Mean(call, "SignedCall"), Mean(call, "PresignedCall"), 1.1),
            AtMost("B6", "signing a request body against a bare SHA-256 of it", Mean(call, "Sign"), Mean(call, "Sha256"), 4),
            Throughput(),
            AtMost("B8", "holds grid of 50 rows (bUnit) against a plain table: time", Mean(grid, "HoldsGrid"), Mean(grid, "PlainTable"), 2),
            AtMost("B8", "holds grid of 50 rows (bUnit) against a plain table: allocations", Allocated(grid, "HoldsGrid"), Allocated(grid, "PlainTable"), 2) with { Unit = "KB" },
            Within("B10", "settlement report, ten days of 10,000 completions", Mean(finance, "SettlementReportTenDays"), 200, "ms"),
            Within("B10", "statement import, 10,000 rows", Mean(finance, "ImportStatement10000Rows"), 1_000, "ms"),
            Within("B10", "export of 100,000 rows (CSV, XLSX): live heap growth", LargerInMegabytes(Figure("B10-heap-Csv"), Figure("B10-heap-Xlsx")), 50, "MB"),
            Within("B11", "registration to activation sent and answered (activation job, sandbox), p95 of 20", Figure("B11-p95"), 1_500, "ms"),
            AtMost("B12", "B1 holds page on PostgreSQL against SQLite", Mean(page, "StorePage", Db("Postgres")), Mean(page, "StorePage", Db("Sqlite")), 2),
            AtMost("B12", "B3's completion p99 during the sweep on PostgreSQL against SQLite", Figure("B3-Postgres-together-p99"), Figure("B3-Sqlite-together-p99"), 2),
            AtMost("B12", "B4 status sweep on PostgreSQL against SQLite", Mean(nameof(PostgresSweepBenchmarks), "Sweep"), Mean(sweep, "Sweep"), 2),
            .. Capacity(),
        ];
    }

    /// <summary>B3: a completion's p99 during a full sweep and the other writers against its p99 alone (at most twice), with no busy errors.</summary>
    private Result Writers(string provider)
    {
        var (alone, together, busy) = (Figure($"B3-{provider}-alone-p99"), Figure($"B3-{provider}-together-p99"), Figure($"B3-{provider}-together-busy"));
        return new Result("B3", $"a completion's p99 while a status-sweep run ({WritersBenchmarks.SweepHolds:N0} holds, 20 ms latency), activations and audit entries write, against its p99 alone ({provider})",
            together, alone, together / alone, "≤ 2×, no busy errors", together / alone <= 2 && busy == 0, "ms", busy is { } b ? $"no: {b:0} busy errors" : null);
    }

    /// <summary>
    /// B7: the signed status queries the sandbox sustains against the query rate of one node's sweep at the job's
    /// default concurrency (B4's sweep at 20 ms latency, same run): at least ten times it.
    /// </summary>
    private Result Throughput()
    {
        var (rps, p99, sweepMs) = (Figure("B7-sandbox-rps"), Figure("B7-sandbox-p99"), Mean(nameof(SweepLatencyBenchmarks), "Sweep"));
        var sweepRate = SweepLatencyBenchmarks.Slow.Holds / (sweepMs / 1000);
        return new Result("B7", $"sandbox status queries under wrk ({new PosLink.Web.Jobs.JobOptions().MaxConcurrentGatewayCalls} connections, p99 {p99:0.#} ms) against one node's sweep query rate at its default concurrency (B4 at 20 ms)",
            rps, sweepRate, rps / sweepRate, "≥ 10×", rps / sweepRate >= 10, "req/s");
    }

    /// <summary>B13: one node's tabs of the holds page on the million-hold ledger while sweeps run.</summary>
    private Result[] Capacity()
    {
        var (tabs, stores) = (Figure("B13-tabs"), Figure("B13-stores"));
        var (grid, empty) = (Figure("B13-holds-per-circuit") / 1024, Figure("B13-empty-per-circuit") / 1024);
        var scene = $"{tabs:0} tabs, managers of {stores:0} stores, {(Smoke.Enabled ? 10_000 : 1_000_000):N0} holds, {Web.CapacityBenchmarks.SweepHolds:N0}-hold sweeps running";
        return
        [
            Within("B13", $"managed memory per holds-page circuit above a near-empty page's ({grid:0} KB against {empty:0} KB; {scene})", grid - empty, 300, "KB"),
            Within("B13", $"holds page open to live, p95 (p50 {Figure("B13-open-p50"):0} ms; {scene})", Figure("B13-open-p95"), 500, "ms"),
            Within("B13", $"a completion in one tab to its showing in the store's other tabs, p99 (p50 {Figure("B13-fanout-p50"):0} ms; {scene})", Figure("B13-fanout-p99"), 1_000, "ms"),
        ];
    }

    /// <summary>The larger of two heap growths (bytes), in megabytes.</summary>
    private static double? LargerInMegabytes(double? a, double? b) => (a is null ? b : b is null ? a : Math.Max(a.Value, b.Value)) / 1024 / 1024;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static Result AtMost(string id, string measure, double? value, double? baseline, double limit) =>
        new(id, measure, value, baseline, value / baseline, $"≤ {limit:0.##}×", value / baseline <= limit, "ms");

    /// <summary>A speed-up: the baseline's time over the measure's.</summary>
    private static Result AtLeast(string id, string measure, double? value, double? baseline, double limit) =>
        new(id, measure, value, baseline, baseline / value, $"≥ {limit:0.##}× faster", baseline / value >= limit, "ms");

    private static Result Within(string id, string measure, double? value, double limit, string unit) =>
        new(id, measure, value, null, null, $"≤ {limit:0.##} {unit}", value <= limit, unit);

    public static string Table(IReadOnlyList<Result> results)
    {
        static string F(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString(x >= 100 ? "0" : x >= 1 ? "0.0#" : "0.###", CultureInfo.InvariantCulture) : "—";
        var lines = new List<string>
        {
            "| # | measure | figure | baseline | ratio | target | met |",
            "|---|---|---|---|---|---|---|",
        };
        lines.AddRange(results.Select(r =>
            $"| {r.Id} | {r.Measure} | {F(r.Value)} {r.Unit} | {(r.Baseline is null ? "—" : $"{F(r.Baseline)} {r.Unit}")} | {(r.Ratio is null ? "—" : F(r.Ratio) + "×")} | {r.Target} | {(r.Met ? "yes" : r.Note ?? "no")} |"));
        return string.Join('\n', lines);
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    public static void Write(string path, IReadOnlyList<Result> results, bool smoke, DateTimeOffset measuredAt)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var document = new
        {
            machine = new { Environment.MachineName, Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, runtime = Environment.Version.ToString() },
            smoke,
            measuredAt,
            results = results.Select(r => new
            {
                id = r.Id,
                measure = r.Measure,
                value = Finite(r.Value),
                baseline = Finite(r.Baseline),
                ratio = Finite(r.Ratio),
                target = r.Target,
                met = r.Met,
                unit = r.Unit,
                note = r.Note,
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, Indented));
    }
}
