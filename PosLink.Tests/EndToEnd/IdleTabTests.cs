using Microsoft.Playwright;
using PosLink.Tests.Support;

namespace PosLink.Tests.EndToEnd;

/// <summary>
/// An open tab left alone is signed out by its circuit, on the app's clock, and shows the sign-in page: what the
/// member sees, not only the circuit's authentication state (CircuitSessionTests).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IdleTabTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly PosLinkAppFactory _app = new();
    private Uri _address = default!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnKestrel();
        await TestStaff.CreateForTestSignInAsync(_app.Services);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnIdleTab_ShowsTheSignInPage_AfterTheIdleTime()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(PageSteps.HangAfterMs);
        await page.GotoAsync(new Uri(_address, "account/login").ToString());
        await page.FillAsync("#email", "finance@poslink.test");
        await page.FillAsync("#password", "a long test passphrase");
        await page.ClickAsync("#sign-in");
        await page.GotoAsync(new Uri(_address, "guarantees").ToString());
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // Nobody touches the tab for longer than IdleMinutes (30): the circuit's own check signs it out.
        _app.Time.Advance(TimeSpan.FromMinutes(31));

        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await page.Locator("#email").WaitForAsync();
        Assert.Contains("returnUrl=%2Fguarantees", page.Url, StringComparison.Ordinal);
    }
}
