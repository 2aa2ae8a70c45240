using Microsoft.Playwright;

namespace PosLink.Tests.EndToEnd;

/// <summary>The steps every browser journey takes: sign in as the login form is filled, wait until a page is live, go to a path.</summary>
internal static class PageSteps
{
    /// <summary>The demo staff's password (README).</summary>
    public const string DemoPassword = "PosLink-Demo-2026";

    /// <summary>
    /// How long a browser step or expectation may take before it counts as a hang. Only a bound, never a measure: with
    /// the CPU deliberately busy (a second test run beside this one) steps took over 15 s, the bound these tests had.
    /// </summary>
    public const float HangAfterMs = 60_000;

    /// <summary>A new tab of its own (cookies, size) in Chinese, with a timeout long enough for a loaded CI machine.</summary>
    public static async Task<IPage> NewTabAsync(IBrowser browser, int width = 1400, int height = 900)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(HangAfterMs);
        return page;
    }

    public static async Task SignInAsync(IPage page, Uri address, string email, string password = DemoPassword)
    {
        await page.GotoAsync(new Uri(address, "account/login").ToString());
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
    }

    /// <summary>Until the circuit is connected: the layout shows a marker then, and clicks before it would be lost.</summary>
    public static Task LiveAsync(IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public static async Task GoAsync(IPage page, Uri address, string path)
    {
        await page.GotoAsync(new Uri(address, path.TrimStart('/')).ToString());
        await LiveAsync(page);
    }
}
