using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosLink.Tests.Support;
using PosLink.Web.Data;

namespace PosLink.Tests.EndToEnd;

/// <summary>The real app on a Kestrel port, with its demo data, driven through Chromium as staff would use it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string Password = PageSteps.DemoPassword;
    private readonly PosLinkAppFactory _app = new PosLinkAppFactory()
        .WithRealClock()
        .With("PosLink:Demo:Seed", "true")
        .With("PosLink:Jobs:Recurring", "true");
    private Uri _address = default!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnKestrel();
        await _app.Services.GetRequiredService<DemoData>().Completion.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<IPage> SignInAsync(string email, string password = Password)
    {
        var page = await PageSteps.NewTabAsync(browser.Browser);
        await PageSteps.SignInAsync(page, _address, email, password);
        return page;
    }

    private static Task LiveAsync(IPage page) => PageSteps.LiveAsync(page);

    private Task GoAsync(IPage page, string path) => PageSteps.GoAsync(page, _address, path);

    private static Task ShotAsync(IPage page, string name) => Screenshots.TakeAsync(page, name);

    [Fact]
    public async Task Manager_TakesAHold_CompletesPart_AndOnlyTheirStoreSeesIt_FinanceSeesTheMoney()
    {
        var manager = await SignInAsync("manager.jingan@poslink.demo");
        await LiveAsync(manager);
        Assert.Contains("manager.jingan@poslink.demo", await manager.Locator("[data-testid=signed-in-as]").InnerTextAsync(), StringComparison.Ordinal);
        await ShotAsync(manager, "dashboard-manager");

        // Take a hold: the pay code field is focused for the scanner, which ends with Enter.
        await GoAsync(manager, "/guarantees/new");
        await manager.FillAsync("input[data-testid=amount]", "1234.56");
        await manager.FillAsync("input[data-testid=remark]", "E2E押金");
        await manager.FillAsync("input[data-testid=paycode]", "134567890123459876");
        // The remark's label floats once the circuit has taken its value; the shot waits for it rather than catching it mid-way.
        await Assertions.Expect(manager.Locator("div.mud-shrink:has(input[data-testid=remark])")).ToBeVisibleAsync();
        await ShotAsync(manager, "take-hold");
        await manager.PressAsync("input[data-testid=paycode]", "Enter");
        var outcome = manager.Locator("[data-testid=outcome]");
        await outcome.WaitForAsync();
        Assert.Contains("担保成功", await outcome.InnerTextAsync(), StringComparison.Ordinal);

        // Open it and complete part of it.
        await outcome.Locator("a").ClickAsync();
        await LiveAsync(manager);
        var holdUrl = manager.Url;
        await manager.ClickAsync("[data-testid=complete]");
        await manager.FillAsync("input[data-testid=complete-amount]", "1000");
        await manager.ClickAsync("[data-testid=complete-confirm]");
        await manager.Locator("[data-testid=status]", new() { HasTextString = "已完成" }).First.WaitForAsync();
        Assert.Contains("¥1,000.00", await manager.Locator("[data-testid=completed]").InnerTextAsync(), StringComparison.Ordinal);
        await ShotAsync(manager, "hold-detail");

        await GoAsync(manager, "/guarantees?status=Completed");
        await manager.Locator("tr[data-testid=hold-row]").First.WaitForAsync();
        await ShotAsync(manager, "holds");

        // The other store's manager: not in their list, and its URL shows nothing of it.
        var other = await SignInAsync("manager.pudong@poslink.demo");
        await LiveAsync(other);
        await GoAsync(other, "/guarantees?status=Completed");
        await other.Locator("tr[data-testid=hold-row], [data-testid=no-holds]").First.WaitForAsync();
        Assert.DoesNotContain("E2E押金", await other.ContentAsync(), StringComparison.Ordinal);
        await other.GotoAsync(holdUrl);
        await other.Locator("[data-testid=hold-not-found]").WaitForAsync();
        Assert.DoesNotContain("1,234.56", await other.ContentAsync(), StringComparison.Ordinal);

        // Finance sees the completed amount in today's total: the demo's ¥260.00 completed today, and this ¥1,000.00.
        var finance = await SignInAsync("finance@poslink.demo");
        await LiveAsync(finance);
        var today = await finance.Locator("[data-testid=completed-today]").InnerTextAsync();
        Assert.Contains("¥1,260.00", today, StringComparison.Ordinal);
        await ShotAsync(finance, "dashboard-finance");
    }

    [Fact]
    public async Task TwoCustomersInARow_AtTheCounter_GetTwoHoldsOfTheirOwnAmounts()
    {
        var manager = await SignInAsync("manager.jingan@poslink.demo");
        await LiveAsync(manager);
        await GoAsync(manager, "/guarantees/new");
        var outcome = manager.Locator("[data-testid=outcome]");

        // The first customer: the amount typed, the code scanned (a scanner types it and presses Enter).
        await manager.FillAsync("input[data-testid=amount]", "320.00");
        await manager.FillAsync("input[data-testid=remark]", "第一位顾客");
        await manager.FocusAsync("input[data-testid=paycode]");
        await manager.Keyboard.TypeAsync("134567890123451111\n");
        await outcome.Locator("text=¥320.00").WaitForAsync();
        var first = await outcome.InnerTextAsync();

        // Ready for the next one: every field empty, none marked wrong, the cursor in the amount.
        Assert.Equal(("", "", ""), (await manager.InputValueAsync("input[data-testid=amount]"), await manager.InputValueAsync("input[data-testid=paycode]"),
            await manager.InputValueAsync("input[data-testid=remark]")));
        Assert.Equal(0, await manager.Locator(".mud-input-error").CountAsync());
        Assert.Equal("amount", await manager.EvaluateAsync<string?>("document.activeElement?.getAttribute('data-testid')"));

        // The second customer: their own amount, their own code.
        await manager.Keyboard.TypeAsync("45.50");
        await manager.FocusAsync("input[data-testid=paycode]");
        await manager.Keyboard.TypeAsync("134567890123452222\n");
        await outcome.Locator("text=¥45.50").WaitForAsync();
        var second = await outcome.InnerTextAsync();

        Assert.Contains("担保成功", first, StringComparison.Ordinal);
        Assert.Contains("担保成功", second, StringComparison.Ordinal);
        Assert.NotEqual(OrderIdIn(first), OrderIdIn(second));
        foreach (var (banner, amount) in new[] { (first, "¥320.00"), (second, "¥45.50") })
        {
            await GoAsync(manager, "/guarantees");
            await manager.FillAsync("input[data-testid=filter-search]", OrderIdIn(banner));
            await manager.ClickAsync("[data-testid=filter-apply]");
            var rows = manager.Locator("tr[data-testid=hold-row]");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            Assert.Contains(OrderIdIn(banner), await rows.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains(amount, await rows.InnerTextAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>The merchant order id a take-hold banner names ("订单 PL…，").</summary>
    private static string OrderIdIn(string banner) => System.Text.RegularExpressions.Regex.Match(banner, "PL[0-9]+").Value;

    [Fact]
    public async Task Admin_RegistersATerminal_AndSeesItBecomeActive()
    {
        var admin = await SignInAsync("admin@poslink.demo");
        await LiveAsync(admin);
        await ShotAsync(admin, "dashboard-admin");
        await GoAsync(admin, "/admin/terminals");
        await admin.FillAsync("input[data-testid=terminal-code]", "JA000009");
        await admin.ClickAsync("[data-testid=register-terminal]");
        var row = admin.Locator("tr[data-testid=terminal-row][data-code=JA000009]");
        await row.WaitForAsync();
        // Nobody clicks "activate": the queued job activates it, and the page updates by itself.
        await row.Locator("[data-testid=activation]", new() { HasTextString = "已激活" }).WaitForAsync(new() { Timeout = 30_000 });
        await ShotAsync(admin, "admin-terminals");

        // The demo's contradicted hold waits on the needs-attention list; the admin confirms it after checking.
        await GoAsync(admin, "/guarantees/attention");
        var items = admin.Locator("[data-testid=attention-item]");
        var item = items.First;
        await item.WaitForAsync();
        var before = await items.CountAsync();
        var confirmed = await item.GetAttributeAsync("data-id");
        Assert.Contains("平台报告交易失败", await item.Locator("[data-testid=attention-reason]").InnerTextAsync(), StringComparison.Ordinal);
        await ShotAsync(admin, "attention");
        await item.Locator("select[data-testid=confirm-state]").SelectOptionAsync("Voided");
        await item.Locator("input[data-testid=confirm-note]").FillAsync("银商客服确认已撤销");
        await item.Locator("[data-testid=confirm]").ClickAsync();
        await admin.Locator($"[data-testid=attention-item][data-id='{confirmed}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal(before - 1, await items.CountAsync());
    }

    [Fact]
    public async Task FiveWrongPasswords_MakeThisDeviceWait()
    {
        IPage? page = null;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            page = await SignInAsync("finance@poslink.demo", "not-the-password-" + attempt);
            var error = await page.Locator("[data-testid=login-error]").InnerTextAsync();
            Assert.Contains(attempt < 5 ? "邮箱或密码不正确" : "请15分钟后再试", error, StringComparison.Ordinal);
        }
        // This device may no longer test passwords, even the right one; the owner elsewhere is not affected.
        page = await SignInAsync("finance@poslink.demo");
        Assert.Contains("请15分钟后再试", await page.Locator("[data-testid=login-error]").InnerTextAsync(), StringComparison.Ordinal);
        await ShotAsync(page, "sign-in-locked");
    }
}
