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
/// B4 (and B12's B4 on PostgreSQL): a status sweep of in-flight holds whose answers were lost, each settled by one
/// query, as <see cref="GuaranteeSweeps"/> does it (claimed batches, bounded concurrent gateway calls), against the
/// naive loop a reissue job runs (every due hold queried and committed one after another). With 20 ms of gateway
/// latency the difference is what concurrency buys.
/// </summary>
[Config(typeof(LongOperationConfig))]
public class SweepBenchmarks
{
    private BenchLedger _ledger = default!;

    [Params(DatabaseProvider.Sqlite, DatabaseProvider.Postgres)]
    public DatabaseProvider Provider { get; set; }

    [ParamsSource(nameof(Cases))]
    public SweepCase Case { get; set; } = default!;

    public static IEnumerable<SweepCase> Cases => Smoke.Enabled
        ? [new(200, 0, 1_000), new(50, 20, 1_000)]
        : [new(10_000, 0, 10_000), new(1_000, 20, 10_000)];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _ledger = await BenchLedger.OpenAsync(Provider, Case.Ledger, HoldMix.HeldOnly);
        _ledger.Gateway.Latency = TimeSpan.FromMilliseconds(Case.LatencyMs);
        await using var db = await _ledger.Contexts.CreateDbContextAsync();
        foreach (var g in await db.Guarantees.AsNoTracking().ToListAsync())
        {
            _ledger.Gateway.Know(g.OrderId!, BenchLedger.HeldAnswer(g));
        }
    }

    /// <summary>The case's holds in flight again, due now (the rest held), with no query of the last run left to skew the next.</summary>
    [IterationSetup]
    public void PutInFlight()
    {
        using var db = _ledger.Contexts.CreateDbContext();
        var now = _ledger.Clock.GetUtcNow();
        db.GatewayOperations.Where(o => o.Endpoint == Domain.Gateway.GatewayEndpoint.Query).ExecuteDelete();
        using var connection = db.Database.GetDbConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"Guarantees\" SET \"Status\" = 'Authorizing', \"NextCheckAt\" = @now, \"InFlightSince\" = @since, \"CheckAttempts\" = 0, \"LastCheckedAt\" = NULL " +
                              "WHERE \"Id\" <= @last";
        command.Add("@now", now.UtcTicks);
        command.Add("@since", now.AddMinutes(-2).UtcTicks);
        command.Add("@last", (long)Case.Holds);
        command.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> NaiveLoop()
    {
        var reconciler = _ledger.Services.GetRequiredService<GuaranteeReconciler>();
        List<long> due;
        await using (var db = await _ledger.Contexts.CreateDbContextAsync())
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
    public async Task<int> Sweep()
    {
        var sweeps = _ledger.Services.GetRequiredService<GuaranteeSweeps>();
        ReconcileSummary pass;
        do
        {
            // The status-sweep job's loop, with its default batch size and gateway concurrency.
            pass = await sweeps.SettleDueAsync(batchSize: 100, maxConcurrency: 4);
        }
        while (pass.Checked == 100);
        return await SettledAsync();
    }

    /// <summary>A run that did not settle every hold measured something else: it fails.</summary>
    private async Task<int> SettledAsync()
    {
        await using var db = await _ledger.Contexts.CreateDbContextAsync();
        var held = await db.Guarantees.CountAsync(g => g.Status == GuaranteeStatus.Held);
        return held == Case.Ledger ? held : throw new InvalidOperationException($"{Case.Ledger - held} of {Case.Holds} holds left in flight.");
    }
}
