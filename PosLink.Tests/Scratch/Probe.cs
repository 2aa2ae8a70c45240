using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosLink.Tests.Support;
using PosLink.Web.Data;
using Xunit.Abstractions;

namespace PosLink.Tests.Scratch;

[Collection(PosLink.Tests.EndToEnd.BrowserCollection.Name)]
public sealed class Probe(PosLink.Tests.EndToEnd.BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Look()
    {
        await using var app = new PosLinkAppFactory().WithRealClock().With("PosLink:Demo:Seed", "true");
        var address = app.StartOnKestrel();
        await app.Services.GetRequiredService<DemoData>().Completion.WaitAsync(TimeSpan.FromSeconds(60));
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Console += (_, m) => output.WriteLine($"console {m.Type}: {m.Text}");
        page.Response += (_, r) => { if (r.Status >= 400) output.WriteLine($"{r.Status} {r.Url}"); };
        await page.GotoAsync(new Uri(address, "account/login").ToString());
        await page.FillAsync("#email", Environment.GetEnvironmentVariable("PROBE_USER") ?? "admin@poslink.demo");
        await page.FillAsync("#password", "PosLink-Demo-2026");
        await page.ClickAsync("#sign-in");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        foreach (var path in (Environment.GetEnvironmentVariable("PROBE_PATHS") ?? "/,/guarantees,/admin/jobs,/admin/jobs/recurring").Split(','))
        {
            output.WriteLine("== " + path);
            await page.GotoAsync(new Uri(address, path.TrimStart('/')).ToString());
            await page.WaitForTimeoutAsync(1500);
            var shot = Path.Combine("/tmp/probe", path.Trim('/').Replace('/', '-') + ".png");
            Directory.CreateDirectory("/tmp/probe");
            await page.ScreenshotAsync(new() { Path = shot.Replace("/.png", "/home.png") });
        }
    }
}
