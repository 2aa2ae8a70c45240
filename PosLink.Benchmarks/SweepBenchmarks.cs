using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Benchmarks.Ledgers;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Web.Jobs;

namespace PosLink.Benchmarks;

/// <summary>How many in-flight holds a sweep finds (in a ledger of <paramref name="Ledger"/> holds), and how long each query's answer takes.</summary>
public sealed record SweepCase(int Holds, int LatencyMs, int Ledger)
{
    public override string ToString() => $"{Holds}h-{LatencyMs}ms";
}

/// <summary>
/// B4: a status sweep of in-flight holds whose answers were lost, each settled by one query, as
/// <see cref="GuaranteeSweeps"/> does it (claimed batches, bounded concurrent gateway calls), against the naive loop
/// a reissue job runs (every due hold queried and committed one after another), on SQLite.
/// </summary>
[Config(typeof(SweepConfig))]
public class SweepBenchmarks : SweepBench
{
    public static SweepCase Fast => Smoke.Enabled ? new(200, 0, 1_000) : new(10_000, 0, 10_000);

    protected override SweepCase Running => Fast;

    [GlobalSetup]
    public Task SetupAsync() => OpenAsync(DatabaseProvider.Sqlite);

    [IterationSetup]
    public void Reset() => PutInFlight(Running.Holds);

    [Benchmark(Baseline = true)]
    public async Task<int> NaiveLoop()
    {
        var reconciler = Ledger.Services.GetRequiredService<GuaranteeReconciler>();
        List<long> due;
        await using (var db = await Ledger.Contexts.CreateDbContextAsync())
        {
            due = await db.Guarantees.Where(g => g.Status == GuaranteeStatus.Authorizing).OrderBy(g => g.Id).Select(g => g.Id).ToListAsync();
        }
        foreach (var id in due)
        {
            await reconciler.CheckAsync(Actor.System, id);
        }
        return await SettledAsync(Running.Holds);
    }

    [Benchmark]
    public Task<int> Sweep() => SweepAsync(Running.Holds);
}

/// <summary>
/// B4 with 20 ms of gateway latency: the sweep's time against the bound its own concurrency sets (holds × latency ÷
/// calls in flight), which no sweep at the job's default concurrency can beat. More calls in flight would lower the
/// bound, but press the platform harder than it should be (<see cref="JobOptions.MaxConcurrentGatewayCalls"/>).
/// </summary>
[Config(typeof(SweepConfig))]
public class SweepLatencyBenchmarks : SweepBench
{
    public static SweepCase Slow => Smoke.Enabled ? new(50, 20, 1_000) : new(1_000, 20, 10_000);

    /// <summary>The least time <see cref="Slow"/>'s sweep can take at the job's default calls in flight, in milliseconds.</summary>
    public static double BoundMs => (double)Slow.Holds * Slow.LatencyMs / new JobOptions().MaxConcurrentGatewayCalls;

    protected override SweepCase Running => Slow;

    [GlobalSetup]
    public Task SetupAsync() => OpenAsync(DatabaseProvider.Sqlite);

    [IterationSetup]
    public void Reset() => PutInFlight(Running.Holds);

    [Benchmark]
    public Task<int> Sweep() => SweepAsync(Running.Holds);
}

/// <summary>B12's B4: the same sweep of 10,000 holds on PostgreSQL, compared with SQLite's (the naive loop is B4's alone).</summary>
[Config(typeof(SweepConfig))]
public class PostgresSweepBenchmarks : SweepBench
{
    protected override SweepCase Running => SweepBenchmarks.Fast;

    [GlobalSetup]
    public Task SetupAsync() => OpenAsync(DatabaseProvider.Postgres);

    [IterationSetup]
    public void Reset() => PutInFlight(Running.Holds);

    [Benchmark]
    public Task<int> Sweep() => SweepAsync(Running.Holds);
}

/// <summary>A ledger of held holds, part of them put in flight again before each run, and the sweep that settles them.</summary>
public abstract class SweepBench
{
    protected BenchLedger Ledger { get; private set; } = default!;

    protected abstract SweepCase Running { get; }

    protected async Task OpenAsync(DatabaseProvider provider)
    {
        Ledger = await BenchLedger.OpenAsync(provider, Running.Ledger, HoldMix.HeldOnly);
        await using var db = await Ledger.Contexts.CreateDbContextAsync();
        foreach (var g in await db.Guarantees.AsNoTracking().ToListAsync())
        {
            Ledger.Gateway.Know(g.OrderId!, BenchLedger.HeldAnswer(g));
        }
        if (!Smoke.Enabled)
        {
            await WarmUpAsync();
        }
        Ledger.Gateway.Latency = TimeSpan.FromMilliseconds(Running.LatencyMs);
    }

    /// <summary>
    /// Three small sweeps and single checks before anything is measured, with pauses between them for the runtime's
    /// tiered compiler to promote the hot code (it waits until no new code has been compiled for 100 ms). Without it
    /// the first measured sweep of 10,000 holds took 6.8 s and the second 3.2 s; with tiered compilation turned off
    /// both took 4.7 s, so the gap is tier-0 code, which a sweep running every minute does not run.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var reconciler = Ledger.Services.GetRequiredService<GuaranteeReconciler>();
        for (var round = 0; round < 3; round++)
        {
            PutInFlight(WarmUpHolds);
            await SweepAsync(WarmUpHolds);
            PutInFlight(WarmUpHolds / 10);
            for (var id = 1L; id <= WarmUpHolds / 10; id++)
            {
                await reconciler.CheckAsync(Actor.System, id);
            }
            await Task.Delay(300);
        }
    }

    private const int WarmUpHolds = 1_000;

    /// <summary>The first <paramref name="holds"/> holds in flight again, due now (the rest held).</summary>
    protected void PutInFlight(int holds) => InFlight.Put(Ledger.Contexts, Ledger.Clock.GetUtcNow(), holds);

    /// <summary>The status-sweep job's sweep, with the job's default batch size and gateway concurrency, uncapped.</summary>
    protected async Task<int> SweepAsync(int holds)
    {
        var job = new JobOptions();
        await Ledger.Services.GetRequiredService<GuaranteeSweeps>().SweepAsync(job.StatusSweepBatchSize, int.MaxValue, job.MaxConcurrentGatewayCalls);
        return await SettledAsync(holds);
    }

    /// <summary>A run that did not settle every one of its <paramref name="holds"/> measured something else: it fails.</summary>
    protected async Task<int> SettledAsync(int holds)
    {
        await using var db = await Ledger.Contexts.CreateDbContextAsync();
        var held = await db.Guarantees.CountAsync(g => g.Status == GuaranteeStatus.Held);
        return held == Running.Ledger ? held : throw new InvalidOperationException($"{Running.Ledger - held} of {holds} holds left in flight.");
    }
}
