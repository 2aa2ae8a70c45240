using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using PosLink.Benchmarks.Ledgers;
using PosLink.Domain.Gateway;
using PosLink.Domain.Persistence;
using PosLink.Web.Identity;

namespace PosLink.Benchmarks.Web;

/// <summary>
/// B13: what one node holds. The app on the million-hold ledger (in this process, its gateway an in-process platform
/// answering queries after 20 ms), store managers of several stores each with a browser profile, and as many
/// headless Chromium tabs of the holds page as the run asks for, while 10,000-hold status sweeps run back to back.
/// Measured: server managed memory per holds-page circuit above a near-empty page's (the same number of each, both
/// sets open together), how long a holds page takes to open, and how long a completion in one tab takes to show in
/// every other tab of its store.
/// </summary>
[Config(typeof(OnceConfig))]
public class CapacityBenchmarks
{
    /// <summary>Holds-page tabs (as many near-empty ones again); <c>POSLINK_B13_TABS</c> asks for another number.</summary>
    public static int Tabs => int.TryParse(Environment.GetEnvironmentVariable("POSLINK_B13_TABS"), out var tabs) ? tabs : Smoke.Enabled ? 4 : 200;

    public static int Stores => Smoke.Enabled ? 2 : 5;

    public static int SweepHolds => Smoke.Enabled ? 200 : 10_000;

    private static int Completions => Smoke.Enabled ? 2 : 20;

    private const string Password = "PosLink-Bench-Capacity-2026";
    private const string HoldsPage = "guarantees";
    private const string NearEmptyPage = "guarantees/find";

    private BenchLedger _ledger = default!;
    private BenchGateway _gateway = default!;
    private BenchApp _app = default!;
    private Chromium _chromium = default!;
    private readonly List<IBrowserContext> _managers = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _ledger = await (await BenchLedger.OpenAsync(DatabaseProvider.Sqlite, Smoke.Enabled ? 10_000 : 1_000_000, HoldMix.Chain)).CopyAsync();
        _gateway = new BenchGateway(TimeProvider.System) { Latency = TimeSpan.FromMilliseconds(20) };
        _app = await BenchApp.StartAsync(
            new Dictionary<string, string?> { ["ConnectionStrings:PosLink"] = _ledger.Connection.ConnectionString },
            services: services => services.Replace(ServiceDescriptor.Singleton<IPosLinkGateway>(_gateway)));
        using var sweeps = new CapacitySweeps(_app.Services, _gateway);
        await sweeps.KnowAsync(SweepHolds);
        _chromium = await Chromium.LaunchAsync(renderers: Smoke.Enabled ? 2 : 8);
        foreach (var email in await CapacitySweeps.ManagersAsync(_app.Services, Stores, Password))
        {
            _managers.Add(await _chromium.SignedInAsync(_app.Address, email, Password));
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _chromium.DisposeAsync();
        await _app.DisposeAsync();
        _ledger.DeleteCopy();
    }

    [Benchmark]
    public async Task<double> NodeCapacity()
    {
        using var sweeps = new CapacitySweeps(_app.Services, _gateway);
        using var fanOut = new FanOut(_app.Services.GetRequiredService<GuaranteeChangeFeed>());
        // Once per process, before anything is counted: each page, a sweep and a completion (code, query caches, pools).
        var warm = new List<IPage>();
        foreach (var manager in _managers)
        {
            warm.Add((await Chromium.OpenAsync(manager, new Uri(_app.Address, NearEmptyPage), "[data-testid=interactive]")).Page);
            warm.Add((await Chromium.OpenAsync(manager, new Uri(_app.Address, HoldsPage), "tr[data-testid=hold-row]")).Page);
        }
        await sweeps.SweepOnceAsync(Math.Min(SweepHolds, 500));
        await fanOut.CompleteAsync(warm[1], []);

        var start = Settle();
        var nearEmpty = await OpenAsync(NearEmptyPage, "[data-testid=interactive]");
        var afterNearEmpty = Settle();
        Console.WriteLine($"// [capacity] {Tabs} near-empty tabs open");
        var rss = Process.GetCurrentProcess().WorkingSet64;

        var sweeping = sweeps.RunAsync(SweepHolds);
        var holds = await OpenAsync(HoldsPage, "tr[data-testid=hold-row]");
        var opened = Settle();
        Console.WriteLine($"// [capacity] {Tabs} holds tabs open, sweeps running");
        var fanOutMs = new List<double>();
        for (var i = 0; i < Completions; i++)
        {
            var store = holds.Where((_, tab) => tab % _managers.Count == i % _managers.Count).Select(t => t.Page).ToList();
            fanOutMs.AddRange(await fanOut.CompleteAsync(store[0], store.Skip(1).ToList()));
            await Task.Delay(Random.Shared.Next(200, 1_200));
        }
        var sweepsRun = await sweeps.StopAsync(sweeping);
        var afterHolds = Settle();

        var (empty, grid) = ((afterNearEmpty - start) / (double)Tabs, (afterHolds - afterNearEmpty) / (double)Tabs);
        var opens = holds.Select(t => t.Ms).Order().ToList();
        fanOutMs.Sort();
        Console.WriteLine($"// [capacity] {Tabs} + {Tabs} tabs, {_managers.Count} stores: holds page {grid / 1024:0} KB, near-empty {empty / 1024:0} KB per circuit; " +
                          $"open p50 {Percentile(opens, 0.5):0} ms p95 {Percentile(opens, 0.95):0} ms; fan-out p50 {Percentile(fanOutMs, 0.5):0} ms p99 {Percentile(fanOutMs, 0.99):0} ms " +
                          $"max {fanOutMs[^1]:0} ms over {fanOutMs.Count} tab updates; {sweepsRun.Count} sweeps of {SweepHolds} holds, mean {sweepsRun.Average():0.0} s; " +
                          $"RSS {(Process.GetCurrentProcess().WorkingSet64 - rss) / 1024.0 / 1024 / Tabs:0.00} MB per holds tab; " +
                          $"near-empty open p50 {Percentile(nearEmpty.Select(t => t.Ms).Order().ToList(), 0.5):0} ms; holds {(opened - afterNearEmpty) / 1024.0 / Tabs:0} KB per circuit before the completions (sweeps running)");
        Figures.Record("B13-tabs", Tabs);
        Figures.Record("B13-stores", _managers.Count);
        Figures.Record("B13-holds-per-circuit", grid);
        Figures.Record("B13-empty-per-circuit", empty);
        Figures.Record("B13-open-p50", Percentile(opens, 0.5));
        Figures.Record("B13-open-p95", Percentile(opens, 0.95));
        Figures.Record("B13-fanout-p50", Percentile(fanOutMs, 0.5));
        Figures.Record("B13-fanout-p99", Percentile(fanOutMs, 0.99));
        Figures.Record("B13-sweep-seconds", sweepsRun.Average());
        return grid - empty;
    }

    /// <summary><see cref="Tabs"/> tabs of <paramref name="path"/>, dealt round the store managers' profiles; each stays open.</summary>
    private async Task<List<(IPage Page, double Ms)>> OpenAsync(string path, string shown)
    {
        var tabs = new List<(IPage, double)>();
        for (var i = 0; i < Tabs; i++)
        {
            tabs.Add(await Chromium.OpenAsync(_managers[i % _managers.Count], new Uri(_app.Address, path), shown));
        }
        return tabs;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];

    /// <summary>The live managed heap after full collections: what the server holds, not what it has yet to collect.</summary>
    private static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
