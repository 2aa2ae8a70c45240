using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Benchmarks.Ledgers;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Benchmarks;

/// <summary>How many in-flight holds a sweep finds (in a ledger of <paramref name="Ledger"/> holds), and how long each query's answer takes.</summary>
public sealed record SweepCase(int Holds, int LatencyMs, int Ledger)
{
    public override string ToString() => $"{Holds}h-{LatencyMs}ms";
}

/// <summary>
/// B4: a status sweep of in-flight holds whose answers were lost, each settled by one query, as
/// <see cref="GuaranteeSweeps"/> does it (claimed batches, bounded concurrent gateway calls), against the naive loop
/// a reissue job runs (every due hold queried and committed one after another), on SQLite. With 20 ms of gateway
/// latency the difference is what concurrency buys.
/// </summary>
[Config(typeof(SweepConfig))]
public class SweepBenchmarks : SweepBench
{
    [ParamsSource(nameof(Cases))]
    public SweepCase Case { get; set; } = default!;

    public static IEnumerable<SweepCase> Cases => Smoke.Enabled
        ? [new(200, 0, 1_000), new(50, 20, 1_000)]
        : [new(10_000, 0, 10_000), new(1_000, 20, 10_000)];

    protected override SweepCase Running => Case;

    [GlobalSetup]
    public Task SetupAsync() => OpenAsync(DatabaseProvider.Sqlite);

    [IterationSetup]
    public void Reset() => PutInFlight();

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
        return await SettledAsync();
    }

    [Benchmark]
    public Task<int> Sweep() => SweepAsync();
}

/// <summary>B12's B4: the same sweep of 10,000 holds on PostgreSQL, compared with SQLite's (the naive loop is B4's alone).</summary>
[Config(typeof(SweepConfig))]
public class PostgresSweepBenchmarks : SweepBench
{
    protected override SweepCase Running => SweepBenchmarks.Cases.First();

    [GlobalSetup]
    public Task SetupAsync() => OpenAsync(DatabaseProvider.Postgres);

    [IterationSetup]
    public void Reset() => PutInFlight();

    [Benchmark]
    public Task<int> Sweep() => SweepAsync();
}

/// <summary>A ledger of held holds, part of them put in flight again before each run, and the sweep that settles them.</summary>
public abstract class SweepBench
{
    protected BenchLedger Ledger { get; private set; } = default!;

    protected abstract SweepCase Running { get; }

    protected async Task OpenAsync(DatabaseProvider provider)
    {
        Ledger = await BenchLedger.OpenAsync(provider, Running.Ledger, HoldMix.HeldOnly);
        Ledger.Gateway.Latency = TimeSpan.FromMilliseconds(Running.LatencyMs);
        await using var db = await Ledger.Contexts.CreateDbContextAsync();
        foreach (var g in await db.Guarantees.AsNoTracking().ToListAsync())
        {
            Ledger.Gateway.Know(g.OrderId!, BenchLedger.HeldAnswer(g));
        }
    }

    /// <summary>The case's holds in flight again, due now (the rest held), with no query of the last run left to skew the next.</summary>
    protected void PutInFlight()
    {
        using var db = Ledger.Contexts.CreateDbContext();
        var now = Ledger.Clock.GetUtcNow();
        db.GatewayOperations.Where(o => o.Endpoint == Domain.Gateway.GatewayEndpoint.Query).ExecuteDelete();
        // The context owns its connection (and may be pooled): open it through EF, never dispose it here.
        db.Database.OpenConnection();
        var connection = db.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"Guarantees\" SET \"Status\" = 'Authorizing', \"NextCheckAt\" = @now, \"InFlightSince\" = @since, \"CheckAttempts\" = 0, \"LastCheckedAt\" = NULL " +
                              "WHERE \"Id\" <= @last";
        command.Add("@now", now.UtcTicks);
        command.Add("@since", now.AddMinutes(-2).UtcTicks);
        command.Add("@last", (long)Running.Holds);
        command.ExecuteNonQuery();
    }

    /// <summary>The status-sweep job's loop, with its default batch size and gateway concurrency.</summary>
    protected async Task<int> SweepAsync()
    {
        var sweeps = Ledger.Services.GetRequiredService<GuaranteeSweeps>();
        ReconcileSummary pass;
        do
        {
            pass = await sweeps.SettleDueAsync(batchSize: 100, maxConcurrency: 4);
        }
        while (pass.Checked == 100);
        return await SettledAsync();
    }

    /// <summary>A run that did not settle every hold measured something else: it fails.</summary>
    protected async Task<int> SettledAsync()
    {
        await using var db = await Ledger.Contexts.CreateDbContextAsync();
        var held = await db.Guarantees.CountAsync(g => g.Status == GuaranteeStatus.Held);
        return held == Running.Ledger ? held : throw new InvalidOperationException($"{Running.Ledger - held} of {Running.Holds} holds left in flight.");
    }
}
