using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Data;
using PosLink.Web.Identity;
using PosLink.Web.Jobs;
using Xunit.Abstractions;

namespace PosLink.Tests.EndToEnd;

/// <summary>
/// Reads every page of the app as each role would, in zh-CN and in English, and lists every text that is in the
/// other language: English words on a Chinese page, Chinese on an English page, and in either raw enum names, job ids
/// and GUIDs. What the demo data holds (names, remarks, codes) is the users' own and may be in either language.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LanguageCrawlTests(BrowserFixture browser, LanguageCrawlApp app, ITestOutputHelper output) : IClassFixture<LanguageCrawlApp>
{
    private sealed record Language(string Name, string Locale, string Culture);

    private static readonly Language Chinese = new("zh", "zh-CN", "zh-CN");
    private static readonly Language English = new("en", "en-US", "en");

    [Flags]
    private enum Who
    {
        Anonymous = 1,
        Manager = 2,
        Finance = 4,
        Admin = 8,
        Operators = Manager | Admin,
        FinanceDesk = Finance | Admin,
        Staff = Manager | Finance | Admin,
        Everyone = Anonymous | Staff,
    }

    private sealed record Role(string Name, Who Who, string? Email);

    private const string ManagerEmail = "manager.jingan@poslink.demo";

    private static readonly Role[] Roles =
    [
        new("anonymous", Who.Anonymous, null),
        new("manager", Who.Manager, ManagerEmail),
        new("finance", Who.Finance, "finance@poslink.demo"),
        new("admin", Who.Admin, "admin@poslink.demo"),
    ];

    /// <summary>
    /// One page read. <paramref name="Route"/> is the <c>@page</c> it covers; <paramref name="Path"/> is where the
    /// browser goes (null: it stays where the previous step left it); <paramref name="Then"/> is what a person does
    /// before reading (open a dialog, submit a wrong password), <paramref name="After"/> what they do after (cancel).
    /// <paramref name="Live"/>: an interactive page, read once its circuit has rendered; otherwise a static one.
    /// </summary>
    private sealed record Visit(string Name, string Route, Who Who, string? Path,
        Func<IPage, Task>? Then = null, Func<IPage, Task>? After = null, bool Live = true);

    /// <summary>
    /// Stands for the hold of each status (and, for a manager, one of another store) in a path: <c>{each hold}</c> is
    /// the hold's page, <c>{each hold}/slip</c> its slip.
    /// </summary>
    private const string EachHold = "{each hold}";

    private const string HoldRoute = "/guarantees/{Id:long}";

    /// <summary>Everything the crawl reads, in order; a step without a path continues on the page before it.</summary>
    private Visit[] Plan() =>
    [
        new("sign-in", "/account/login", Who.Anonymous, "/account/login", Live: false),
        new("sign-in-wrong-password", "/account/login", Who.Anonymous, "/account/login", Live: false, Then: async page =>
        {
            await page.FillAsync("#email", "finance@poslink.demo");
            await page.FillAsync("#password", "not-the-password");
            await page.ClickAsync("#sign-in");
            await page.Locator("[data-testid=login-error]").WaitForAsync();
        }),
        new("sign-in-empty", "/account/login", Who.Anonymous, "/account/login", Live: false, Then: async page =>
        {
            await page.ClickAsync("#sign-in");
            await page.Locator(".login-validation, .validation-message").First.WaitForAsync();
        }),

        new("dashboard", "/", Who.Staff, "/"),
        new("holds", "/guarantees", Who.Staff, "/guarantees", Then: Shows("[data-testid=totals]")),
        new("holds-complete-dialog", "/guarantees", Who.Operators, null, After: CancelDialogAsync, Then: async page =>
        {
            await OpenDialogAsync(page, "tr[data-testid=hold-row] [data-testid=complete]");
            // More than is held: the dialog says why it cannot be completed.
            await page.FillAsync(".mud-dialog input[data-testid=complete-amount]", "99999999");
            await page.Locator(".mud-dialog .mud-input-error").First.WaitForAsync();
        }),
        new("holds-void-dialog", "/guarantees", Who.Operators, null, After: CancelDialogAsync,
            Then: page => OpenDialogAsync(page, "tr[data-testid=hold-row] [data-testid=void]")),
        new("hold", HoldRoute, Who.Staff, EachHold, Then: Shows("[data-testid=held], [data-testid=hold-not-found]")),
        new("slip", "/guarantees/{Id:long}/slip", Who.Staff, EachHold + "/slip", Then: Shows("[data-testid=slip], [data-testid=slip-not-found]")),
        new("take-hold", "/guarantees/new", Who.Operators, "/guarantees/new"),
        new("take-hold-errors", "/guarantees/new", Who.Operators, null, Then: async page =>
        {
            // Submitted empty: every field says what it needs, and nothing is sent.
            await page.ClickAsync("[data-testid=submit]");
            await page.Locator(".mud-input-error").First.WaitForAsync();
        }),
        new("find-hold", "/guarantees/find", Who.Operators, "/guarantees/find"),
        new("find-hold-error", "/guarantees/find", Who.Operators, null, Then: async page =>
        {
            await page.ClickAsync("[data-testid=find]");
            await page.Locator("[data-testid=problem]").WaitForAsync();
        }),
        new("attention", "/guarantees/attention", Who.Operators, "/guarantees/attention",
            Then: Shows("[data-testid=attention-item], [data-testid=attention-empty]")),
        new("holds-bulk-dialog", "/guarantees", Who.Operators, "/guarantees", After: CancelDialogAsync, Then: async page =>
        {
            await page.Locator("[data-testid=totals]").WaitForAsync();
            await page.Locator("input[data-testid=select-hold]").First.CheckAsync();
            await OpenDialogAsync(page, "[data-testid=bulk-void]");
        }),
        new("approvals", "/approvals", Who.Staff, "/approvals", Then: Shows("[data-testid=pending-approvals], [data-testid=no-pending-approvals]")),
        new("bulk-runs", "/bulk", Who.Operators, "/bulk", Then: Shows("[data-testid=bulk-runs], [data-testid=no-bulk-runs]")),
        new("bulk-run", "/bulk/{Id:long}", Who.Staff, "/bulk/1", Then: Shows("[data-testid=bulk-progress], [data-testid=bulk-missing]")),
        new("notifications", "/notifications", Who.Staff, "/notifications", Then: Shows("[data-testid=notifications], [data-testid=no-notifications]")),
        new("handover", "/handover", Who.Staff, "/handover", Then: Shows("[data-testid=handover-report], [data-testid=handover-problem]")),
        new("deposit", "/deposits/{Id:long}", Who.Staff, "/deposits/1", Then: Shows("[data-testid=deposit-holds], [data-testid=deposit-missing]")),

        new("finance", "/finance", Who.FinanceDesk, "/finance"),
        new("settlements", "/finance/settlements", Who.FinanceDesk, "/finance/settlements", Then: Shows("[data-testid=settlements-chart]")),
        new("settlements-detail", "/finance/settlements", Who.FinanceDesk, null, Then: async page =>
        {
            await page.Locator("[data-testid=settlement-group]").First.ClickAsync();
            await page.Locator("[data-testid=settlement-holds]").WaitForAsync();
        }),
        new("reconciliation", "/finance/reconciliation", Who.FinanceDesk, "/finance/reconciliation",
            Then: Shows("[data-testid=differences], [data-testid=no-differences]")),
        new("reconciliation-accept-dialog", "/finance/reconciliation", Who.FinanceDesk, null, After: CancelDialogAsync,
            Then: page => OpenDialogAsync(page, "[data-testid=accept]")),
        new("statements", "/finance/statements", Who.FinanceDesk, "/finance/statements"),
        new("statements-preview", "/finance/statements", Who.FinanceDesk, null, Then: async page =>
        {
            // The demo statement, chosen but not imported: the column mapping and a sample of its rows.
            await page.SetInputFilesAsync("[data-testid=statement-file]", StatementPath);
            await page.Locator("[data-testid=statement-mapping]").WaitForAsync();
        }),

        new("admin-terminals", "/admin/terminals", Who.Admin, "/admin/terminals", Then: Shows("tr[data-testid=terminal-row]")),
        new("admin-staff", "/admin/staff", Who.Admin, "/admin/staff", Then: Shows("tr[data-testid=staff-row]")),
        new("admin-audit", "/admin/audit", Who.Admin, "/admin/audit", Then: Shows("tr[data-testid=audit-row]")),
        new("admin-gateway", "/admin/gateway", Who.Admin, "/admin/gateway"),
        new("admin-webhooks", "/admin/webhooks", Who.Admin, "/admin/webhooks", Then: Shows("[data-testid=webhooks], [data-testid=no-webhooks]")),
        new("admin-webhook-log", "/admin/webhooks/{Id:int}", Who.Admin, "/admin/webhooks/1", Then: Shows("[data-testid=deliveries], [data-testid=no-deliveries], [data-testid=webhook-missing]")),
        new("admin-jobs", JobComposition.DashboardPath, Who.Admin, JobComposition.DashboardPath, Live: false),

        new("two-factor", "/account/two-factor", Who.Staff, "/account/two-factor"),
        new("change-password", "/account/password", Who.Staff, "/account/password", Live: false),
        new("change-password-mismatch", "/account/password", Who.Staff, null, Live: false, Then: async page =>
        {
            await page.FillAsync("#current", "not-the-password");
            await page.FillAsync("#new", "a-new-long-password-1");
            await page.FillAsync("#repeat", "a-new-long-password-2");
            await page.ClickAsync("#change-password");
            await page.Locator("[data-testid=password-error]").WaitForAsync();
        }),

        // Anonymous, the page itself; signed in, the page a member meets when a link is not for their role.
        new("forbidden", "/forbidden", Who.Anonymous | Who.Admin, "/forbidden"),
        new("forbidden", "/forbidden", Who.Manager | Who.Finance, "/admin/staff"),
        new("not-found", "/not-found", Who.Everyone, "/no-such-page", Live: false, Then: Shows("h1")),
        new("error", "/error", Who.Everyone, "/error", Live: false),

        // Last, as it signs the anonymous browser in: the code step, a wrong code, then the temporary password's change.
        new("sign-in-code", "/account/login-2fa", Who.Anonymous, "/account/login", Live: false, Then: async page =>
        {
            await page.FillAsync("#email", LanguageCrawlApp.TwoFactorEmail);
            await page.FillAsync("#password", LanguageCrawlApp.TwoFactorPassword);
            await page.ClickAsync("#sign-in");
            await page.Locator("#code").WaitForAsync();
        }),
        new("sign-in-code-wrong", "/account/login-2fa", Who.Anonymous, null, Live: false, Then: async page =>
        {
            await page.FillAsync("#code", "12345x");
            await page.ClickAsync("#verify");
            await page.Locator("[data-testid=login-error]").WaitForAsync();
        }),
        new("must-change-password", "/account/password", Who.Anonymous, null, Live: false, Then: async page =>
        {
            await page.FillAsync("#code", Totp.Code(app.TwoFactorKey, DateTimeOffset.UtcNow));
            await page.ClickAsync("#verify");
            await page.Locator("[data-testid=must-change]").WaitForAsync();
        }),
    ];

    [Fact]
    public void EveryPageOfTheApp_IsOnTheCrawl()
    {
        var components = Path.Combine(Repository.Root, "PosLink.Web", "Components");
        var pages = Directory.EnumerateFiles(components, "*.razor", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Select(line => PageDirective().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["route"].Value)
            .ToList();
        Assert.NotEmpty(pages);
        Assert.Empty(pages.Except(Plan().Select(visit => visit.Route)));
    }

    [Fact]
    public async Task EveryPage_InChineseAndInEnglish_ShowsOnlyThatLanguage_BesidesTheData()
    {
        var clock = Stopwatch.StartNew();
        var demo = await DemoAsync();
        // The two languages are read side by side, each by its own browsers; the roles one after the other.
        var readings = await Task.WhenAll(new[] { Chinese, English }.Select(language => ReadInAsync(language, demo)));
        var findings = readings.SelectMany(r => r.Findings).ToList();
        var failures = readings.SelectMany(r => r.Failures).ToList();
        output.WriteLine($"{readings.Sum(r => r.Pages)} pages read in {clock.Elapsed.TotalSeconds:0} s; {findings.Count} findings; {failures.Count} steps failed.");
        Assert.True(findings.Count == 0 && failures.Count == 0, Report(findings, failures));
    }

    /// <summary>What one language's crawl found: texts in the wrong language, and steps it could not do.</summary>
    private sealed class Reading
    {
        public List<Finding> Findings { get; } = [];

        public List<string> Failures { get; } = [];

        public int Pages { get; set; }
    }

    private async Task<Reading> ReadInAsync(Language language, Demo demo)
    {
        var reading = new Reading();
        foreach (var role in Roles)
        {
            await ReadAsAsync(role, language, demo, reading);
        }
        return reading;
    }

    /// <summary>Every page <paramref name="role"/> may see, in one browser of its own: signed in once, then step by step.</summary>
    private async Task ReadAsAsync(Role role, Language language, Demo demo, Reading reading)
    {
        await using var context = await NewContextAsync(language.Locale);
        var page = context.Pages[0];
        var signedIn = await TryAsync(reading, $"{language.Name} · {role.Name} · signing in", async () =>
        {
            await ChooseLanguageAsync(page, language);
            if (role.Email is { } email)
            {
                await SignInAsync(page, email);
                await LiveAsync(page);
            }
        });
        if (!signedIn)
        {
            return;
        }
        foreach (var visit in Plan().Where(v => (v.Who & role.Who) != 0).SelectMany(v => Expand(v, role, demo)))
        {
            var where = $"{language.Name} · {role.Name} · {visit.Name}";
            await TryAsync(reading, where, async () =>
            {
                if (await OpenAsync(page, visit) is { } broken)
                {
                    reading.Failures.Add($"{where}: {broken}");
                    return;
                }
                foreach (var text in await page.EvaluateAsync<string[]>(ReadScript))
                {
                    reading.Findings.AddRange(Check(text, language, demo.Data).Select(what => new Finding(language.Name, role.Name, visit.Name, text, what)));
                }
                reading.Pages++;
                await Screenshots.TakeAsync(page, $"lang-{language.Name}-{role.Name}-{visit.Name}");
                if (visit.After is { } after)
                {
                    await after(page);
                }
            });
        }
    }

    /// <summary>Runs one step; a step the browser could not do (a timeout, a missing element) is noted, and the crawl goes on.</summary>
    private static async Task<bool> TryAsync(Reading reading, string where, Func<Task> step)
    {
        try
        {
            await step();
            return true;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            reading.Failures.Add($"{where}: {e.Message.Split('\n', 2)[0].Trim()}");
            return false;
        }
    }

    /// <summary>
    /// An English-language browser may meet the app in Chinese (its default) or in English; either way one click on a
    /// language link switches the page to the other language. A link that points at the language already shown (the
    /// page stays as it is, and only a second click helps) fails here with where it pointed.
    /// </summary>
    [Fact]
    public async Task WithAnEnglishBrowser_OneClickOnTheLanguageLink_SwitchesTheLanguage()
    {
        await using var context = await NewContextAsync(English.Locale);
        var page = context.Pages[0];

        await page.GotoAsync(Url("/account/login"));
        var first = await LangAsync(page);
        output.WriteLine($"An en-US browser first sees the sign-in page in '{first}'.");
        await SwitchWithOneClickAsync(page, page.Locator(".login-language a").First, "the sign-in card");

        // Signed in, in the language just chosen: the layout's link switches back, again with one click.
        await SignInAsync(page, ManagerEmail);
        await LiveAsync(page);
        await SwitchWithOneClickAsync(page, page.Locator("[data-testid=language-switch]").First, "the dashboard's bar");
    }

    private async Task SwitchWithOneClickAsync(IPage page, ILocator link, string where)
    {
        var before = await LangAsync(page);
        var label = (await link.InnerTextAsync()).Trim();
        var href = await link.GetAttributeAsync("href");
        await link.ClickAsync();
        var after = before;
        try
        {
            await page.WaitForFunctionAsync("before => document.documentElement.lang !== before", before, new() { Timeout = 10_000 });
            after = await LangAsync(page);
        }
        catch (TimeoutException)
        {
            // Still in the same language: reported below with what the link said and where it pointed.
        }
        Assert.True(after != before,
            $"On {where} (in '{before}'), one click on the language link '{label}' (href '{href}') left the page in '{before}'; it is now at {page.Url}.");
        var now = (await link.InnerTextAsync()).Trim();
        Assert.True(now != label, $"After switching to '{after}' on {where}, the language link still reads '{label}'.");
    }

    // ----- The crawl's steps -----

    private string Url(string path) => new Uri(app.Address, path.TrimStart('/')).ToString();

    private static string StatementPath => Path.Combine(Repository.Root, "docs", "demo", "statement.csv");

    /// <summary>A browser of its own (cookies, language), with one page.</summary>
    private async Task<IBrowserContext> NewContextAsync(string locale)
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, Locale = locale });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(PageSteps.HangAfterMs);
        return context;
    }

    /// <summary>The app's own switch, as its language link uses it: from then on its cookie decides, whatever the browser prefers.</summary>
    private async Task ChooseLanguageAsync(IPage page, Language language) =>
        await page.GotoAsync(Url($"/culture?culture={language.Culture}&redirect={Uri.EscapeDataString("/account/login")}"));

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(Url("/account/login"));
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", LanguageCrawlApp.Password);
        await page.ClickAsync("#sign-in");
    }

    private static Task LiveAsync(IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private static Task<string> LangAsync(IPage page) => page.EvaluateAsync<string>("() => document.documentElement.lang");

    /// <summary>
    /// Goes to the step's page and waits until a person could read it: circuit live, nothing loading, the step done.
    /// Returns why it cannot be read when the app failed (a server error, Blazor's error bar), or null.
    /// </summary>
    private async Task<string?> OpenAsync(IPage page, Visit visit)
    {
        if (visit.Path is { } path && await page.GotoAsync(Url(path)) is { Status: >= 500 } failed)
        {
            return $"the server answered {failed.Status} for {path}";
        }
        if (visit.Live)
        {
            await LiveAsync(page);
            await Assertions.Expect(page.Locator(".mud-progress-linear, p.loading")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        }
        if (visit.Then is { } then)
        {
            await then(page);
        }
        return await page.Locator("#blazor-error-ui").IsVisibleAsync() ? "Blazor's error bar is showing (the circuit failed)" : null;
    }

    private static Func<IPage, Task> Shows(string selector) => page => page.Locator(selector).First.WaitForAsync();

    private static async Task OpenDialogAsync(IPage page, string opener)
    {
        await page.Locator(opener).First.ClickAsync();
        await page.Locator(".mud-dialog").WaitForAsync();
    }

    /// <summary>Closes a dialog by its cancel button (the first action): nothing is ever confirmed.</summary>
    private static async Task CancelDialogAsync(IPage page)
    {
        await page.Locator(".mud-dialog .mud-dialog-actions button").First.ClickAsync();
        await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>The hold placeholder as one step per hold the role may open; any other step as it is.</summary>
    private static IEnumerable<Visit> Expand(Visit visit, Role role, Demo demo)
    {
        if (visit.Path is not { } path || !path.StartsWith(EachHold, StringComparison.Ordinal))
        {
            yield return visit;
            yield break;
        }
        string PathOf(long id) => path.Replace(EachHold, $"/guarantees/{id}", StringComparison.Ordinal);
        foreach (var hold in demo.Holds.Where(h => role.Who != Who.Manager || h.StoreId == demo.ManagerStoreId))
        {
            yield return visit with { Name = $"{visit.Name}-{hold.Status}", Path = PathOf(hold.Id) };
        }
        if (role.Who == Who.Manager && demo.OtherStoreHoldId is { } other)
        {
            // Another store's hold reads as not found to this manager.
            yield return visit with { Name = $"{visit.Name}-of-another-store", Path = PathOf(other) };
        }
    }

    // ----- What the demo holds -----

    private sealed record HoldToRead(GuaranteeStatus Status, long Id, int StoreId);

    private sealed record Demo(IReadOnlyList<HoldToRead> Holds, int ManagerStoreId, long? OtherStoreHoldId, DataTexts Data);

    /// <summary>The holds to open, the manager's store, and every text that is data.</summary>
    private async Task<Demo> DemoAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var managerId = await db.Users.Where(u => u.Email == ManagerEmail).Select(u => u.Id).SingleAsync();
        var managerStore = await db.StoreAssignments.Where(a => a.UserId == managerId).Select(a => a.StoreId).SingleAsync();
        var holds = await db.Guarantees.AsNoTracking().ToListAsync();
        return new Demo(OnePerStatus(holds, managerStore), managerStore, holds.FirstOrDefault(g => g.StoreId != managerStore)?.Id,
            new DataTexts(await DataTextsAsync(db, holds)));
    }

    /// <summary>One hold per status: the manager's store's first, then one that needs attention, was refused or has discounts, as those show most.</summary>
    private static List<HoldToRead> OnePerStatus(List<Guarantee> holds, int managerStore) => holds
        .OrderByDescending(g => g.StoreId == managerStore)
        .ThenByDescending(g => g.NeedsAttention)
        .ThenByDescending(g => g.LastErrCode is not null)
        .ThenByDescending(g => g.MerchantDiscountFen)
        .GroupBy(g => g.Status)
        .OrderBy(group => group.Key)
        .Select(group => new HoldToRead(group.Key, group.First().Id, group.First().StoreId))
        .ToList();

    /// <summary>
    /// The data's own texts: names and codes, what staff typed (remarks, void reasons, notes), what the platform
    /// answered (its errInfo, the wallet's name), and the demo statement's cells.
    /// </summary>
    private static async Task<List<string?>> DataTextsAsync(PosLinkDbContext db, List<Guarantee> holds)
    {
        var texts = new List<string?>();
        texts.AddRange(await db.Merchants.Select(m => m.Name).ToListAsync());
        texts.AddRange(await db.Merchants.Select(m => m.MerchantCode).ToListAsync());
        texts.AddRange(await db.Stores.Select(s => s.Name).ToListAsync());
        texts.AddRange(await db.Terminals.Select(t => t.TerminalCode).ToListAsync());
        texts.AddRange(await db.Terminals.Select(t => t.LastActivationErrInfo).ToListAsync());
        texts.AddRange(await db.Users.Select(u => u.Email).ToListAsync());
        texts.AddRange(await db.Users.Select(u => u.DisplayName).ToListAsync());
        texts.AddRange(holds.SelectMany(g => (string?[])[g.MerchantOrderId, g.OrderId, g.MerchantRemark, g.LastErrInfo, g.ThirdPartyName, g.DiscountInstruction]));
        texts.AddRange(await db.GatewayOperations.Select(o => o.ErrInfo).ToListAsync());
        texts.AddRange(await db.SettlementDifferences.Select(d => d.ResolutionNote).ToListAsync());
        texts.AddRange(await db.StatementImports.Select(i => i.FileName).ToListAsync());
        // Void reasons and confirmation notes: the audit trail keeps them.
        var snapshots = await db.AuditEntries.Where(a => a.ObjectType == nameof(Guarantee) || a.ObjectType == nameof(SettlementDifference)).Select(a => a.After).ToListAsync();
        texts.AddRange(snapshots.SelectMany(TypedTexts));
        texts.AddRange(File.ReadAllLines(StatementPath).SelectMany(line => line.Trim('\uFEFF').Split(',')).Append(Path.GetFileName(StatementPath)));
        return texts;
    }

    private static IEnumerable<string?> TypedTexts(string? snapshot)
    {
        if (string.IsNullOrEmpty(snapshot) || !snapshot.StartsWith('{'))
        {
            return [];
        }
        using var json = JsonDocument.Parse(snapshot);
        return json.RootElement.EnumerateObject()
            .Where(p => p.Name is "reason" or "note" && p.Value.ValueKind == JsonValueKind.String)
            .Select(p => p.Value.GetString())
            .ToList();
    }

    /// <summary>The data's own texts, longest first, so that a name inside a longer one is not cut out of it.</summary>
    private sealed class DataTexts(IEnumerable<string?> texts)
    {
        private readonly string[] _texts = texts.Select(t => t?.Trim()).OfType<string>().Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal).OrderByDescending(t => t.Length).ToArray();

        public string Without(string text) =>
            _texts.Aggregate(text, (rest, data) => rest.Contains(data, StringComparison.Ordinal) ? rest.Replace(data, " ", StringComparison.Ordinal) : rest);
    }

    // ----- The checks -----

    /// <summary>Names that read the same in every language: the product's, the platform's and the job dashboard's.</summary>
    private static readonly string[] ProductNames = ["POS通", "PosLink", "ChinaUMS", "Hangfire"];

    /// <summary>
    /// Latin words a Chinese page may show: format names, authenticator apps, MAC as the platform's spec writes it
    /// (MAC鉴别失败), the link to the English UI, and "Storage Time", the one label of the job dashboard's footer
    /// that Hangfire's own Chinese translation lacks.
    /// </summary>
    private static readonly string[] LatinInChinese = ["POS", "CSV", "XLSX", "Excel", "App", "Microsoft Authenticator", "Google", "MAC", "English", "Storage Time"];

    /// <summary>Chinese an English page may show: the link to the Chinese UI.</summary>
    private static readonly string[] ChineseInEnglish = ["中文"];

    private static readonly Regex ProductName = Words(ProductNames);

    private static readonly Regex AllowedLatin = Words(LatinInChinese);

    private static readonly string[] JobIds =
        [TerminalActivationJob.SweepId, StatusSweepJob.Id, OpenHoldsSyncJob.Id, ExpiryWarningsJob.Id, ReconciliationJob.Id, BulkRunJob.ResumeId, WebhookJob.Id];

    private sealed record Finding(string Language, string Role, string Page, string Text, string What);

    /// <summary>What is wrong with one text a person reads in <paramref name="language"/>: nothing, usually.</summary>
    private static IEnumerable<string> Check(string text, Language language, DataTexts data)
    {
        if (GuidText().IsMatch(text))
        {
            yield return "a GUID";
        }
        if (JobIds.Contains(text, StringComparer.Ordinal))
        {
            yield return "a job id";
        }
        // What is left once the data, addresses and product names are out is the app's own words.
        var words = ProductName.Replace(AddressText().Replace(data.Without(text), " "), " ");
        var codeNames = CodeName().Matches(words).Select(m => m.Value).ToList();
        if (codeNames.Count > 0)
        {
            yield return "code names: " + string.Join(", ", codeNames);
        }
        words = CodeName().Replace(words, " ");
        if (language == Chinese)
        {
            // Tokens with digits are codes and notation (order ids, 24h, 2FA), not English.
            var english = LatinWord().Matches(AllowedLatin.Replace(DigitToken().Replace(words, " "), " ")).Select(m => m.Value).ToList();
            if (english.Count > 0)
            {
                yield return "English: " + string.Join(" ", english);
            }
        }
        else
        {
            var chinese = ChineseText().Matches(ChineseInEnglish.Aggregate(words, (rest, allowed) => rest.Replace(allowed, " ", StringComparison.Ordinal)))
                .Select(m => m.Value).ToList();
            if (chinese.Count > 0)
            {
                yield return "Chinese: " + string.Join(" ", chinese);
            }
        }
    }

    /// <summary>Any of <paramref name="words"/>, not as part of a longer Latin word ("App" is not in "Approved").</summary>
    private static Regex Words(string[] words) =>
        new($"(?<![A-Za-z])(?:{string.Join('|', words.Select(Regex.Escape))})(?![A-Za-z])", RegexOptions.CultureInvariant);

    /// <summary>Every finding once per language and text, with the pages it was read on; then the pages that could not be read.</summary>
    private static string Report(List<Finding> findings, List<string> failures)
    {
        var report = new StringBuilder();
        var groups = findings.GroupBy(f => (f.Language, f.Text, f.What)).ToList();
        report.AppendLine(CultureInfo.InvariantCulture, $"{groups.Count} texts in the wrong language ({findings.Count} in all, grouped by text):");
        foreach (var group in groups)
        {
            var where = string.Join(", ", group.Select(f => $"{f.Role}/{f.Page}").Distinct());
            report.AppendLine(CultureInfo.InvariantCulture, $"[{group.Key.Language}] «{Shorten(group.Key.Text)}» — {group.Key.What} — on {where}");
        }
        if (failures.Count > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{failures.Count} steps could not be read:");
            failures.ForEach(failure => report.AppendLine(failure));
        }
        return report.ToString();
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "…";

    /// <summary>
    /// The texts a person reads: visible text outside code elements (each element's own, its text nodes joined), the
    /// placeholders, titles and labels of visible elements, read-only field values (a select's choice), every option
    /// of a visible select, and the tab's title.
    /// </summary>
    private const string ReadScript = """
        () => {
            // Displayed, not hidden by visibility or opacity (the options' older and newer names).
            const shown = e => e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true, opacityProperty: true, visibilityProperty: true });
            const owners = new Map();
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const owner = node.parentElement;
                // Code elements hold codes (response codes, keys, request ids), not words; options are read below.
                if (owner && !owner.closest('script, style, noscript, template, option, code')) {
                    const gap = node.previousSibling?.nodeType === Node.ELEMENT_NODE ? ' ' : '';
                    owners.set(owner, (owners.get(owner) ?? '') + gap + node.nodeValue);
                }
            }
            const texts = [...owners].filter(([owner]) => shown(owner)).map(([, text]) => text);
            for (const element of document.body.querySelectorAll('[placeholder], [title], [aria-label], input[readonly]')) {
                if (shown(element)) {
                    texts.push(...['placeholder', 'title', 'aria-label'].map(name => element.getAttribute(name) ?? ''));
                    if (element.matches('input[readonly]')) texts.push(element.value);
                }
            }
            for (const select of document.body.querySelectorAll('select')) {
                if (shown(select)) texts.push(...[...select.options].map(option => option.text));
            }
            texts.push(document.title);
            return [...new Set(texts.map(text => text.replace(/\s+/g, ' ').trim()).filter(text => text))];
        }
        """;

    [GeneratedRegex("""^@page\s+"(?<route>[^"]+)"\s*$""")]
    private static partial Regex PageDirective();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidText();

    /// <summary>PascalCase compounds (CompleteAuthorization, CodeScan) and camelCase (errCode): names from code, not words.</summary>
    [GeneratedRegex(@"\b(?:[A-Z][a-z]+){2,}\b|\b[a-z]+(?:[A-Z][a-z0-9]*)+\b")]
    private static partial Regex CodeName();

    /// <summary>Email, web and file addresses (a backup folder).</summary>
    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[a-z][a-z0-9+.-]*://\S+|(?<![\w/])/(?:[\w.-]+/)+[\w.-]*")]
    private static partial Regex AddressText();

    [GeneratedRegex(@"[A-Za-z0-9_.:/-]*[0-9][A-Za-z0-9_.:/-]*")]
    private static partial Regex DigitToken();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();

    /// <summary>Chinese characters, and the CJK punctuation and full-width forms that come with them.</summary>
    [GeneratedRegex(@"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]+")]
    private static partial Regex ChineseText();
}

/// <summary>
/// The demo app the crawl reads, started once for its tests, with two-factor sign-in at each of its steps: the demo's
/// finance clerk has made a key but not turned it on (the set-up's second step), and one more clerk, created by the
/// admin with a temporary password, has it on (the sign-in's code step, then the password that must be changed).
/// </summary>
public sealed class LanguageCrawlApp : IAsyncLifetime
{
    public const string Password = "PosLink-Demo-2026";
    public const string TwoFactorEmail = "two-factor@poslink.test";
    public const string TwoFactorPassword = "a lantern by the quiet river";

    private readonly PosLinkAppFactory _app = new PosLinkAppFactory()
        .WithRealClock()
        .With("PosLink:Demo:Seed", "true")
        // The jobs run, so the admin's dashboard lists them as it does in use.
        .With("PosLink:Jobs:Recurring", "true")
        // The crawl signs in some twenty times within a minute, from one address.
        .With("PosLink:Security:SignInAttemptsPerMinute", "1000");

    public Uri Address { get; private set; } = default!;

    public IServiceProvider Services => _app.Services;

    /// <summary>The two-factor clerk's authenticator key.</summary>
    public string TwoFactorKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Address = _app.StartOnKestrel();
        await Services.GetRequiredService<DemoData>().Completion.WaitAsync(TimeSpan.FromSeconds(60));
        var staff = Services.GetRequiredService<StaffService>();
        var twoFactor = Services.GetRequiredService<TwoFactorService>();
        await twoFactor.CreateKeyAsync((await staff.ActorForAsync(await UserIdAsync("finance@poslink.demo")))!);

        var admin = (await staff.ActorForAsync(await UserIdAsync("admin@poslink.demo")))!;
        var clerk = (await staff.CreateAsync(admin, new StaffDraft(TwoFactorEmail, "钱会计", StaffRole.Finance, []), TwoFactorPassword)).Unwrap();
        var actor = (await staff.ActorForAsync(clerk.Id))!;
        TwoFactorKey = (await twoFactor.CreateKeyAsync(actor)).SharedKey!;
        Assert.NotNull(await twoFactor.EnableAsync(actor, Totp.Code(TwoFactorKey, DateTimeOffset.UtcNow)));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
