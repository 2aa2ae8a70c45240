using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosLink.Web.Data;

namespace PosLink.Benchmarks.Web;

/// <summary>
/// B9: managed memory the server holds per open circuit on the holds page (every hold of the demo data, 50 rows),
/// measured with 40 headless Chromium tabs, against 40 tabs of a near-empty page (find a hold by its order id). The
/// app runs in this process, so the heap measured after full collections is the server's (Playwright's own objects
/// per tab are the same for both sets and cancel out).
/// </summary>
[Config(typeof(OnceConfig))]
public class CircuitMemoryBenchmarks
{
    private static readonly string[] Chromiums = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static int Tabs => Smoke.Enabled ? 3 : 40;

    private BenchApp _app = default!;
    private IPlaywright _playwright = default!;
    private IBrowser _browser = default!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _app = await BenchApp.StartAsync(new Dictionary<string, string?> { ["PosLink:Demo:Seed"] = "true" });
        await _app.Services.GetRequiredService<DemoData>().Completion.WaitAsync(TimeSpan.FromMinutes(2));
        var chromium = Chromiums.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("B9 needs Chromium: apt-get install -y chromium (README, Prerequisites).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    [Benchmark]
    public async Task<double> MemoryPerCircuit()
    {
        // Both sets stay open to the end: a closed tab's circuit is kept for minutes, and its eviction mid-measure would skew the second set.
        await using var nearEmpty = await SignedInAsync();
        await using var holds = await SignedInAsync();
        var empty = await PerTabAsync(nearEmpty, "guarantees/find", "[data-testid=interactive]");
        var grid = await PerTabAsync(holds, "guarantees?status=all", "tr[data-testid=hold-row]");
        Figures.Record("B9-holds-per-circuit", grid);
        Figures.Record("B9-empty-per-circuit", empty);
        return grid - empty;
    }

    /// <summary>Opens <see cref="Tabs"/> tabs on <paramref name="path"/>, each live (circuit connected) and showing <paramref name="shown"/>; bytes per tab.</summary>
    private async Task<double> PerTabAsync(IBrowserContext context, string path, string shown)
    {
        var before = Settle();
        for (var i = 0; i < Tabs; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(_app.Address, path).ToString());
            await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            await page.Locator(shown).First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        }
        return (Settle() - before) / (double)Tabs;
    }

    private async Task<IBrowserContext> SignedInAsync()
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "zh-CN" });
        var login = await context.NewPageAsync();
        await login.GotoAsync(new Uri(_app.Address, "account/login").ToString());
        await login.FillAsync("#email", "admin@poslink.demo");
        await login.FillAsync("#password", "PosLink-Demo-2026");
        await login.ClickAsync("#sign-in");
        await login.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await login.CloseAsync();
        return context;
    }

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
