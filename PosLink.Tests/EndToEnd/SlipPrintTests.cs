using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;
using PosLink.Web.Data;

namespace PosLink.Tests.EndToEnd;

/// <summary>
/// The customer's slip as a manager prints it: Chromium's PDF is one page of the paper chosen, 80 mm wide for the
/// receipt and A4 for the other, with the slip alone on it; the QR code the browser paints reads back as the order id.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SlipPrintTests(BrowserFixture browser) : IAsyncLifetime
{
    private const double PointsPerMm = 72 / 25.4;

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
    public async Task TheSlip_PrintsOnOnePageOfEitherPaper_AndItsQrCodeReadsAsTheOrderId(string language)
    {
        // The demo's Jing'an hold completed in part: held, completed and released all have figures.
        var (id, orderId) = await HoldAsync("房费押金");
        var page = await PageSteps.NewTabAsync(browser.Browser, 1366, 1000);
        await PageSteps.SignInAsync(page, _address, "manager.jingan@poslink.demo");
        await PageSteps.LiveAsync(page);
        if (language == "en")
        {
            await page.GotoAsync(new Uri(_address, $"culture?culture=en&redirect={Uri.EscapeDataString($"/guarantees/{id}")}").ToString());
        }
        await PageSteps.GoAsync(page, _address, $"/guarantees/{id}");
        await page.ClickAsync("[data-testid=print-slip]");
        await page.WaitForURLAsync($"**/guarantees/{id}/slip");
        var qr = page.Locator("img[data-testid=slip-qr]");
        await qr.WaitForAsync();
        Assert.Equal(orderId, QrCodes.Read(await qr.ScreenshotAsync()));
        await Screenshots.TakeAsync(page, $"slip-{language}");

        foreach (var (paper, widthMm, heightMm) in new[] { ("receipt", 80.0, 180.0), ("a4", 210.0, 297.0) })
        {
            await PageSteps.GoAsync(page, _address, $"/guarantees/{id}/slip?paper={paper}");
            await page.Locator("[data-testid=slip]").WaitForAsync();
            // The page's own @page size, not Playwright's default Letter: the size each paper's print CSS names.
            var pdf = Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true }));
            var sizes = MediaBox().Matches(pdf).Select(m => (W: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), H: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
            Assert.True(PageObjects().Count(pdf) == 1, $"the {paper} slip printed on {PageObjects().Count(pdf)} pages");
            var (width, height) = Assert.Single(sizes.Distinct());
            Assert.Equal((paper, widthMm, heightMm), (paper, Math.Round(width / PointsPerMm), Math.Round(height / PointsPerMm)));
        }

        // On paper only the slip: no menu, no buttons.
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        foreach (var control in new[] { "slip-print", "paper-receipt", "paper-a4", "back-to-hold" })
        {
            Assert.False(await page.Locator($"[data-testid={control}]").IsVisibleAsync(), $"{control} shows on paper");
        }
        Assert.False(await page.Locator(".mud-drawer").IsVisibleAsync());
        Assert.False(await page.Locator(".mud-appbar").IsVisibleAsync());
        Assert.True(await page.Locator("[data-testid=slip]").IsVisibleAsync());
    }

    private async Task<(long Id, string OrderId)> HoldAsync(string remark)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var hold = await db.Guarantees.SingleAsync(g => g.MerchantRemark == remark && g.Status == GuaranteeStatus.Completed && g.Terminal!.TerminalCode.StartsWith("JA"));
        return (hold.Id, hold.OrderId!);
    }

    /// <summary>A page object of the PDF ("/Type /Page", not the "/Pages" tree above them).</summary>
    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObjects();

    /// <summary>A page's size in points: its MediaBox.</summary>
    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")]
    private static partial Regex MediaBox();
}
