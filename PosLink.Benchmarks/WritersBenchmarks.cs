using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PosLink.Benchmarks.Ledgers;
using PosLink.Domain.Audit;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Terminals;
using PosLink.Web.Jobs;

namespace PosLink.Benchmarks;

/// <summary>
/// B3 (and B12's B3 on PostgreSQL): what a manager feels of the ledger's other writers. A completion's 99th
/// percentile while a full run of the status-sweep job (its batch cap of due holds, 20 ms of gateway latency, the job's
/// calls in flight), terminal activations and audit entries write at once, against the same completions made alone;
/// and how many writes failed for a busy database (target none).
/// </summary>
[Config(typeof(LongOperationConfig))]
public class WritersBenchmarks
{
    private BenchLedger _ledger = default!;
    private Queue<long> _held = default!;
    private List<int> _terminals = default!;
    private readonly List<double> _alone = [];
    private readonly List<double> _together = [];
    private int _busy;

    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    /// <summary>Completions timed alone per run.</summary>
    public static int Completions => Smoke.Enabled ? 20 : 200;

    /// <summary>What one status-sweep run settles at most: its batch size times its batch cap (2,000 by default).</summary>
    public static int SweepHolds => Smoke.Enabled ? 200 : new JobOptions().StatusSweepBatchSize * new JobOptions().StatusSweepMaxBatches;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _ledger = await (await BenchLedger.OpenAsync(Provider, Smoke.Enabled ? 1_000 : 10_000, HoldMix.HeldOnly)).CopyAsync();
        await using var db = await _ledger.Contexts.CreateDbContextAsync();
        var holds = await db.Guarantees.AsNoTracking().OrderBy(g => g.Id).ToListAsync();
        foreach (var g in holds)
        {
            _ledger.Gateway.Know(g.OrderId!, BenchLedger.HeldAnswer(g));
        }
        // Completions take the newest holds and never the oldest SweepHolds, which the sweep puts in flight: no hold is
        // written by both, however many completions a fast run makes (the smoke's 800 once reached the sweep's 200).
        _held = new Queue<long>(holds.Select(g => g.Id).Skip(SweepHolds).Reverse());
        _terminals = await db.Terminals.Select(t => t.Id).ToListAsync();
        _ledger.Gateway.Latency = TimeSpan.FromMilliseconds(20);
    }

    [IterationSetup(Target = nameof(CompletionDuringSweep))]
    public void PutInFlight() => InFlight.Put(_ledger.Contexts, _ledger.Clock.GetUtcNow(), SweepHolds);

    [Benchmark(Baseline = true)]
    public async Task CompletionAlone()
    {
        for (var i = 0; i < Completions; i++)
        {
            await TimedAsync(Complete, _alone);
        }
    }

    /// <summary>Every writer loops until the sweep has finished, so each timed completion met the sweep.</summary>
    [Benchmark]
    public async Task CompletionDuringSweep()
    {
        var sweep = SweepAsync();
        var terminals = _ledger.Services.GetRequiredService<TerminalService>();
        async Task Loop(Func<Task> write, List<double>? timed)
        {
            while (!sweep.IsCompleted && Left > 0)
            {
                await TimedAsync(write, timed);
            }
        }
        await Task.WhenAll(
            sweep,
            Task.Run(() => Loop(Complete, _together)),
            Task.Run(() => Loop(async () => (await terminals.ActivateAsync(BenchLedger.Admin, _terminals[Random.Shared.Next(_terminals.Count)])).Unwrap(), null)),
            Task.Run(() => Loop(async () =>
            {
                await using var db = await _ledger.Contexts.CreateDbContextAsync();
                db.AuditEntries.Add(AuditTrail.Entry(BenchLedger.Admin, AuditActions.GuaranteeRefresh, nameof(Guarantee), 1, null, new { Bench = true }, _ledger.Clock.GetUtcNow()));
                await db.SaveChangesAsync();
            }, null)));
    }

    [GlobalCleanup]
    public void Report()
    {
        // Each benchmark runs on an instance of its own: this one reports what it measured.
        var (writers, latencies) = _together.Count > 0 ? ("together", _together) : ("alone", _alone);
        var p99 = Percentile99(latencies);
        Console.WriteLine($"// [writers] {Provider} {writers}: completion p99 {p99:0.00} ms over {latencies.Count} completions, busy failures {_busy}");
        Figures.Record($"B3-{Provider}-{writers}-p99", p99);
        Figures.Record($"B3-{Provider}-{writers}-busy", _busy);
        _ledger.DeleteCopy();
    }

    /// <summary>The status-sweep job's run: batches until none is full or its cap is reached.</summary>
    private async Task SweepAsync()
    {
        var job = new JobOptions();
        await _ledger.Services.GetRequiredService<GuaranteeSweeps>().SweepAsync(job.StatusSweepBatchSize, job.StatusSweepMaxBatches, job.MaxConcurrentGatewayCalls);
    }

    /// <summary>A completion of 50 fen of a held hold, through the service the counter's Complete button calls.</summary>
    private async Task Complete() => (await _ledger.Services.GetRequiredService<GuaranteeService>().CompleteAsync(BenchLedger.Admin, Next(), 50)).Unwrap();

    private int Left
    {
        get
        {
            lock (_held)
            {
                return _held.Count;
            }
        }
    }

    private long Next()
    {
        lock (_held)
        {
            return _held.Dequeue();
        }
    }

    private async Task TimedAsync(Func<Task> write, List<double>? into)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await write();
        }
        catch (Exception e) when (IsBusy(e))
        {
            Interlocked.Increment(ref _busy);
        }
        if (into is not null)
        {
            lock (into)
            {
                into.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
    }

    private static bool IsBusy(Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } => true,
        PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected } => true,
        DbUpdateException { InnerException: { } inner } => IsBusy(inner),
        _ => false,
    };

    private static double Percentile99(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.99) - 1)];
    }
}
