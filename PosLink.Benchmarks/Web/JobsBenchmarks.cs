using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Benchmarks.Ledgers;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Web.Jobs;

namespace PosLink.Benchmarks.Web;

/// <summary>
/// In the real app against its built-in sandbox: B5, the status sweep run as Hangfire runs it (enqueued on this
/// node's queue, picked up by the in-process server) against the same job's sweep called directly; and B11, the time
/// from an admin's terminal registration to its activation having been sent and answered (the activation job), p95.
/// </summary>
[Config(typeof(LongOperationConfig))]
public class JobsBenchmarks
{
    public static int HoldCount => Smoke.Enabled ? 20 : 500;

    private BenchApp _app = default!;
    private int _registered;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _app = await BenchApp.StartAsync();
        var terminal = (await _app.RegisterActiveTerminalAsync("BT000000")).Id;
        var guarantees = _app.Services.GetRequiredService<GuaranteeService>();
        for (var i = 0; i < HoldCount; i++)
        {
            // A pay code ending 1234: no sandbox script, approved and held.
            var taken = await guarantees.TakeAsync(BenchApp.Admin, new TakeHold(terminal, 10_000 + i, PayMode.CodeScan, $"13456789{i:D6}1234"));
            if (taken.Value?.Status != GuaranteeStatus.Held)
            {
                throw new InvalidOperationException($"Hold {i} was not taken: {taken.Problem?.ToString() ?? taken.Value?.Status.ToString()}.");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _app.DisposeAsync();

    /// <summary>Every hold in flight again with its answer lost, due now; no query of the last run left behind.</summary>
    [IterationSetup(Targets = [nameof(SweepCalledDirectly), nameof(SweepRunByHangfire)])]
    public void PutInFlight()
    {
        using var scope = _app.Services.CreateScope();
        using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContext();
        var now = TimeProvider.System.GetUtcNow();
        db.GatewayOperations.Where(o => o.Endpoint == Domain.Gateway.GatewayEndpoint.Query).ExecuteDelete();
        // The context owns its connection (and may be pooled): open it through EF, never dispose it here.
        db.Database.OpenConnection();
        var connection = db.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"Guarantees\" SET \"Status\" = 'Authorizing', \"NextCheckAt\" = @now, \"InFlightSince\" = @since, \"CheckAttempts\" = 0, \"LastCheckedAt\" = NULL";
        command.Add("@now", now.UtcTicks);
        command.Add("@since", now.AddMinutes(-2).UtcTicks);
        command.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> SweepCalledDirectly()
    {
        // The job as Hangfire would make it (from the container), run here and now.
        await using var scope = _app.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<StatusSweepJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
        return await SettledAsync();
    }

    [Benchmark]
    public async Task<int> SweepRunByHangfire()
    {
        var node = _app.Services.GetRequiredService<JobNode>();
        var id = _app.Services.GetRequiredService<IBackgroundJobClient>()
            .Create<StatusSweepJob>(job => job.RunAsync(CancellationToken.None), new EnqueuedState(node.Queue));
        var monitoring = _app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        while (monitoring.JobDetails(id).History.FirstOrDefault()?.StateName is not { } state || (state != SucceededState.StateName && state != FailedState.StateName))
        {
            await Task.Delay(2);
        }
        return await SettledAsync();
    }

    /// <summary>B11: twenty registrations, each timed until its activation was answered; the p95 is the figure.</summary>
    [Benchmark]
    public async Task<double> RegistrationToActivation()
    {
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            await _app.RegisterActiveTerminalAsync($"BT{Interlocked.Increment(ref _registered):D6}");
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        Figures.Record("B11-p95", p95);
        return p95;
    }

    private async Task<int> SettledAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var held = await db.Guarantees.CountAsync(g => g.Status == GuaranteeStatus.Held);
        return held == HoldCount ? held : throw new InvalidOperationException($"{HoldCount - held} of {HoldCount} holds left in flight.");
    }
}
