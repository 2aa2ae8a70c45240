using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Tests.Support;
using PosLink.Web.Data;

namespace PosLink.Tests.EndToEnd;

/// <summary>The shift handover report as a manager prints it: Chromium's PDF of the page is one A4 page of report alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class HandoverPrintTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly PosLinkAppFactory _app = new PosLinkAppFactory().WithRealClock().With("PosLink:Demo:Seed", "true");
    private Uri _address = default!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnKestrel();
        await _app.Services.GetRequiredService<DemoData>().Completion.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task TheReport_PrintsOnOneA4Page(string language)
    {
        var page = await PageSteps.NewTabAsync(browser.Browser, 1366, 768);
        await PageSteps.SignInAsync(page, _address, "manager.jingan@poslink.demo");
        await PageSteps.LiveAsync(page);
        if (language == "en")
        {
            await page.GotoAsync(new Uri(_address, "culture?culture=en&redirect=%2Fhandover").ToString());
        }
        // The demo's month of holds: the report covers the last 30 days, so every operator and figure is in it.
        var from = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-30).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await PageSteps.GoAsync(page, _address, $"/handover?from={Uri.EscapeDataString(from)}");
        await page.Locator("[data-testid=handover-total]").WaitForAsync();
        Assert.True(await page.Locator("[data-testid=handover-operator]").CountAsync() >= 1);

        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        await Screenshots.TakeAsync(page, $"handover-{language}");

        var pages = PageObjects().Count(Encoding.Latin1.GetString(pdf));
        Assert.True(pages == 1, $"the report printed on {pages} A4 pages");
        // On paper only the report: no menu, no buttons.
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        Assert.False(await page.Locator("[data-testid=handover-print]").IsVisibleAsync());
        Assert.False(await page.Locator(".mud-drawer").IsVisibleAsync());
        Assert.True(await page.Locator("[data-testid=handover-report]").IsVisibleAsync());
    }

    /// <summary>A page object of the PDF ("/Type /Page", not the "/Pages" tree above them).</summary>
    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObjects();
}
