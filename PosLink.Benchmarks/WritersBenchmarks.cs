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
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;

namespace PosLink.Benchmarks;

/// <summary>
/// B3 (and B12's B3 on PostgreSQL): the ledger's writers at once, as a busy morning has them (a sweep's query, a
/// completion, a terminal activation, an audit entry), each on its own task, against the same operations made by one
/// writer alone: the 99th percentile of one write, and how many writes failed for a busy database (target none).
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

    /// <summary>Writes of each kind per run.</summary>
    public static int PerWriter => Smoke.Enabled ? 20 : 200;

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
        _held = new Queue<long>(holds.Select(g => g.Id));
        _terminals = await db.Terminals.Select(t => t.Id).ToListAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task OneWriter()
    {
        var work = Work();
        for (var i = 0; i < PerWriter; i++)
        {
            foreach (var writer in work)
            {
                await TimedAsync(writer, _alone);
            }
        }
    }

    [Benchmark]
    public Task FourWriters() => Task.WhenAll(Work().Select(writer => Task.Run(async () =>
    {
        for (var i = 0; i < PerWriter; i++)
        {
            await TimedAsync(writer, _together);
        }
    })));

    [GlobalCleanup]
    public void Report()
    {
        // Each benchmark runs on an instance of its own: this one reports what it measured.
        var (writers, latencies) = _together.Count > 0 ? ("together", _together) : ("alone", _alone);
        var p99 = Percentile99(latencies);
        Console.WriteLine($"// [writers] {Provider} {writers}: p99 {p99:0.00} ms over {latencies.Count} writes, busy failures {_busy}");
        Figures.Record($"B3-{Provider}-{writers}-p99", p99);
        Figures.Record($"B3-{Provider}-{writers}-busy", _busy);
        _ledger.DeleteCopy();
    }

    /// <summary>The four writers; each takes what it writes to from shared queues, so no two write the same hold.</summary>
    private List<Func<Task>> Work()
    {
        var reconciler = _ledger.Services.GetRequiredService<GuaranteeReconciler>();
        var guarantees = _ledger.Services.GetRequiredService<GuaranteeService>();
        var terminals = _ledger.Services.GetRequiredService<TerminalService>();
        return
        [
            async () => (await reconciler.CheckAsync(Actor.System, Next())).Unwrap(),
            async () => (await guarantees.CompleteAsync(BenchLedger.Admin, Next(), 50)).Unwrap(),
            async () => (await terminals.ActivateAsync(BenchLedger.Admin, _terminals[Random.Shared.Next(_terminals.Count)])).Unwrap(),
            async () =>
            {
                await using var db = await _ledger.Contexts.CreateDbContextAsync();
                db.AuditEntries.Add(AuditTrail.Entry(BenchLedger.Admin, AuditActions.GuaranteeRefresh, nameof(Guarantee), 1, null, new { Bench = true }, _ledger.Clock.GetUtcNow()));
                await db.SaveChangesAsync();
            },
        ];
    }

    private long Next()
    {
        lock (_held)
        {
            return _held.Dequeue();
        }
    }

    private async Task TimedAsync(Func<Task> write, List<double> into)
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
        lock (into)
        {
            into.Add(watch.Elapsed.TotalMilliseconds);
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
