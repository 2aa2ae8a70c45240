using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Benchmarks.Ledgers;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Web.Jobs;

namespace PosLink.Benchmarks.Web;

/// <summary>B13's ledger work inside the app: its store managers, and status sweeps run back to back as the job runs them.</summary>
public sealed class CapacitySweeps(IServiceProvider app, BenchGateway gateway) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private IDbContextFactory<PosLinkDbContext> Contexts => app.GetRequiredService<IDbContextFactory<PosLinkDbContext>>();

    /// <summary>The platform knows the holds a sweep will ask about (the oldest held ones) as held.</summary>
    public async Task KnowAsync(int holds)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        foreach (var g in await db.Guarantees.AsNoTracking().Where(g => g.Status == GuaranteeStatus.Held).OrderBy(g => g.Id).Take(holds).ToListAsync())
        {
            gateway.Know(g.OrderId!, BenchLedger.HeldAnswer(g));
        }
    }

    /// <summary>A store manager for each of the first <paramref name="stores"/> stores, as an admin's seeding makes them (no password change due).</summary>
    public static async Task<List<string>> ManagersAsync(IServiceProvider app, int stores, string password)
    {
        List<int> ids;
        await using (var db = await app.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync())
        {
            ids = await db.Stores.OrderBy(s => s.Id).Select(s => s.Id).Take(stores).ToListAsync();
        }
        var staff = app.GetRequiredService<StaffService>();
        var emails = new List<string>();
        foreach (var store in ids)
        {
            var email = $"manager.{store}@poslink.bench";
            (await staff.CreateAsync(Actor.System, new StaffDraft(email, $"门店{store}经理", StaffRole.StoreManager, [store]), password)).Unwrap();
            emails.Add(email);
        }
        return emails;
    }

    /// <summary>Puts <paramref name="holds"/> in flight and sweeps them as the job does; seconds taken.</summary>
    public async Task<double> SweepOnceAsync(int holds)
    {
        InFlight.Put(Contexts, TimeProvider.System.GetUtcNow(), holds);
        var job = new JobOptions();
        var watch = Stopwatch.StartNew();
        await app.GetRequiredService<GuaranteeSweeps>().SweepAsync(job.StatusSweepBatchSize, int.MaxValue, job.MaxConcurrentGatewayCalls);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Sweeps of <paramref name="holds"/> back to back until <see cref="StopAsync"/>; each one's seconds.</summary>
    public Task<List<double>> RunAsync(int holds) => Task.Run(async () =>
    {
        var seconds = new List<double>();
        while (!_stop.IsCancellationRequested)
        {
            seconds.Add(await SweepOnceAsync(holds));
        }
        return seconds;
    });

    /// <summary>Lets the running sweep finish and ends the loop.</summary>
    public async Task<List<double>> StopAsync(Task<List<double>> running)
    {
        await _stop.CancelAsync();
        return await running;
    }

    public void Dispose() => _stop.Dispose();
}
