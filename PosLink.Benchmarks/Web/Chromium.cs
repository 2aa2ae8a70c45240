using System.Diagnostics;
using Microsoft.Playwright;

namespace PosLink.Benchmarks.Web;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright (it cannot download a browser here), with tabs sharing a few
/// renderer processes: one process per tab would hold a gigabyte per hundred tabs, and 2 cores cannot schedule them.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private static readonly string[] Executables = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private readonly IPlaywright _playwright;

    private Chromium(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync(int renderers)
    {
        var executable = Executables.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("B13 needs Chromium: apt-get install -y chromium (README, Prerequisites).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                $"--renderer-process-limit={renderers}",
            ],
        });
        return new Chromium(playwright, browser);
    }

    /// <summary>A browser profile of its own, signed in as <paramref name="email"/>: its tabs share the cookie, as a person's do.</summary>
    public async Task<IBrowserContext> SignedInAsync(Uri app, string email, string password)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "zh-CN" });
        var login = await context.NewPageAsync();
        await login.GotoAsync(new Uri(app, "account/login").ToString());
        await login.FillAsync("#email", email);
        await login.FillAsync("#password", password);
        await login.ClickAsync("#sign-in");
        await login.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await login.CloseAsync();
        return context;
    }

    /// <summary>
    /// A new tab on <paramref name="address"/>, and the milliseconds from asking for the page to its being live
    /// (circuit connected) and showing <paramref name="shown"/>.
    /// </summary>
    public static async Task<(IPage Page, double Ms)> OpenAsync(IBrowserContext context, Uri address, string shown)
    {
        var page = await context.NewPageAsync();
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(address.ToString(), new() { Timeout = 120_000 });
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        await page.Locator(shown).First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        return (page, watch.Elapsed.TotalMilliseconds);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
