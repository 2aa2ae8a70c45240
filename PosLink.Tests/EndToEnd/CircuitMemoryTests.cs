using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosLink.Tests.Support;
using PosLink.Web.Data;
using Xunit.Abstractions;

namespace PosLink.Tests.EndToEnd;

/// <summary>
/// Server memory held per open holds page: the page must stay light (a 50-row MudTable circuit alone was
/// measured at ~1.7 MB). The figure is printed; the bound only catches a return to heavyweight components.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CircuitMemoryTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly PosLinkAppFactory _app = new PosLinkAppFactory().WithRealClock().With("PosLink:Demo:Seed", "true");
    private Uri _address = default!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnKestrel();
        await _app.Services.GetRequiredService<DemoData>().Completion.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task HoldsPage_HoldsLittleServerMemoryPerTab()
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var login = await context.NewPageAsync();
        await login.GotoAsync(new Uri(_address, "account/login").ToString());
        await login.FillAsync("#email", "admin@poslink.demo");
        await login.FillAsync("#password", "PosLink-Demo-2026");
        await login.ClickAsync("#sign-in");
        await login.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // One tab first, kept open: what the process pays once (code compiled on first use, EF's query cache, the
        // catalogue's and MudBlazor's caches) is not a tab's, and would otherwise be shared out among the ten.
        var warm = await context.NewPageAsync();
        await warm.GotoAsync(new Uri(_address, "guarantees?status=all").ToString());
        await warm.Locator("tr[data-testid=hold-row]").First.WaitForAsync();

        const int tabs = 20;
        var before = Settle();
        var pages = new List<IPage>();
        for (var i = 0; i < tabs; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(_address, "guarantees?status=all").ToString());
            await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.Locator("tr[data-testid=hold-row]").First.WaitForAsync();
            pages.Add(page);
        }
        var after = Settle();
        var perTab = (after - before) / tabs;
        output.WriteLine($"holds page: {perTab / 1024} KB of server memory per open tab ({tabs} tabs, {(after - before) / 1024} KB in all)");
        Assert.InRange(perTab, 0, 900_000);
        await context.DisposeAsync();
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
