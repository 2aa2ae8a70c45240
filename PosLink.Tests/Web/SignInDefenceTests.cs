using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Web;

/// <summary>
/// Sign-in says nothing an attacker can use, counts failures per address so a stranger cannot lock a known account,
/// protects an account only when many addresses guess at it (its owner's device still signs in), and audits every attempt.
/// </summary>
public sealed partial class SignInDefenceTests : IAsyncLifetime
{
    private const string Password = "a long test passphrase";
    private readonly PosLinkAppFactory _app = new PosLinkAppFactory().WithRealClock()
        .With("PosLink:Security:SignInAttemptsPerMinute", "1000")
        .With("PosLink:Hosting:KnownProxies:0", "127.0.0.1");
    private Uri _address = default!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnKestrel();
        await TestStaff.CreateForTestSignInAsync(_app.Services);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>One attempt from <paramref name="address"/>: the redirect target, or the page's error message.</summary>
    private async Task<string> AttemptAsync(string email, string password, string address = "203.0.113.1")
    {
        using var browser = new FormClient(_address).WithHeader("X-Forwarded-For", address);
        var response = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return "→ " + Target(response);
        }
        var html = await response.Content.ReadAsStringAsync();
        return WebUtility.HtmlDecode(LoginError().Match(html).Groups["message"].Value);
    }

    [Fact]
    public async Task UnknownWrongLockedAndDisabled_GetTheSameAnswer_UntilThePasswordIsRight()
    {
        var staff = Get<StaffService>();
        (await staff.SetLockedAsync(Actor.System, "test-" + StaffRole.Admin, true)).Unwrap();
        (await staff.SetDisabledAsync(Actor.System, "test-" + StaffRole.StoreManager, true)).Unwrap();

        var answers = new[]
        {
            await AttemptAsync("nobody@poslink.test", "not the password at all"),
            await AttemptAsync("finance@poslink.test", "not the password at all"),
            await AttemptAsync("admin@poslink.test", "not the password at all"),
            await AttemptAsync("storemanager@poslink.test", "not the password at all"),
        };
        Assert.All(answers, a => Assert.Equal("邮箱或密码不正确。", a));
        // Not only the message: the whole answer (status and page) is the same, once the address typed, the form's
        // token, the script nonce and the protected component state (different on every page) are taken out.
        var pages = new List<string>();
        foreach (var email in (string[])["nobody@poslink.test", "finance@poslink.test", "admin@poslink.test", "storemanager@poslink.test"])
        {
            using var browser = new FormClient(_address).WithHeader("X-Forwarded-For", "203.0.113.2");
            var response = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "not the password at all" });
            var html = (await response.Content.ReadAsStringAsync()).Replace(email, "EMAIL", StringComparison.Ordinal);
            pages.Add($"{(int)response.StatusCode} {PerPage().Replace(html, "")}");
        }
        Assert.Single(pages.Distinct());

        // Only someone who knows the password learns why.
        Assert.Contains("已被锁定", await AttemptAsync("admin@poslink.test", Password), StringComparison.Ordinal);
        Assert.Contains("已停用", await AttemptAsync("storemanager@poslink.test", Password), StringComparison.Ordinal);
        Assert.StartsWith("→ ", await AttemptAsync("finance@poslink.test", Password), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailuresFromOneAddress_MakeThatAddressWait_NotTheOwner()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("邮箱或密码不正确。", await AttemptAsync("finance@poslink.test", "guess number " + i, "198.51.100.9"));
        }
        Assert.Contains("请15分钟后再试", await AttemptAsync("finance@poslink.test", "guess number 5", "198.51.100.9"), StringComparison.Ordinal);
        // The guessing address waits, even with the right password (it may no longer test passwords at all)...
        Assert.Contains("请15分钟后再试", await AttemptAsync("finance@poslink.test", Password, "198.51.100.9"), StringComparison.Ordinal);
        // ...and an account that does not exist looks the same from there.
        for (var i = 0; i < 5; i++)
        {
            await AttemptAsync("ghost@poslink.test", "guess number " + i, "198.51.100.9");
        }
        Assert.Contains("请15分钟后再试", await AttemptAsync("ghost@poslink.test", Password, "198.51.100.9"), StringComparison.Ordinal);
        // The owner, elsewhere, signs in.
        Assert.StartsWith("→ ", await AttemptAsync("finance@poslink.test", Password, "203.0.113.50"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneFailureEachFromThreeAddresses_LeavesTheOwnerAbleToSignIn()
    {
        foreach (var address in (string[])["127.0.0.2", "127.0.0.3", "127.0.0.4"])
        {
            Assert.Equal("邮箱或密码不正确。", await AttemptAsync("finance@poslink.test", "one guess each", address));
        }

        Assert.StartsWith("→ ", await AttemptAsync("finance@poslink.test", Password, "127.0.0.5"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADistributedFlood_ProtectsTheAccount_YetTheOwnersDeviceStillSignsIn()
    {
        // The owner signed in from this browser last week: it keeps a device cookie.
        using var owners = new FormClient(_address, new CookieContainer()).WithHeader("X-Forwarded-For", "203.0.113.200");
        Assert.Equal(HttpStatusCode.Redirect, (await owners.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "finance@poslink.test", ["Input.Password"] = Password })).StatusCode);

        for (var i = 1; i <= 20; i++)
        {
            await AttemptAsync("finance@poslink.test", "a distributed guess", $"192.0.2.{i}");
        }

        // Anyone else with the password waits the protection out...
        Assert.Contains("已被锁定", await AttemptAsync("finance@poslink.test", Password, "203.0.113.77"), StringComparison.Ordinal);
        // ...the owner's own device signs in as usual.
        var owner = await owners.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "finance@poslink.test", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);

        // Admins see the attack: in the audit trail, with the address whose guess tipped it, and on their dashboard.
        await using var db = await Get<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var lockouts = await db.AuditEntries.Where(a => a.Action == "signin.lockout").Select(a => new { a.ObjectId, a.Origin }).ToListAsync();
        Assert.Equal(("test-" + StaffRole.Finance, "192.0.2.20"), (lockouts.Single().ObjectId, lockouts.Single().Origin));
        Assert.Equal(1, (await Get<PosLink.Domain.Guarantees.DashboardQueries>().AdminAsync(Actor.For("admin", "管理员", [StaffRole.Admin], []))).AccountsUnderAttackLastDay);
    }

    [Fact]
    public async Task AttemptsOnRealAccounts_AreAudited_WithTheClientsAddress()
    {
        await AttemptAsync("finance@poslink.test", "not the password at all", "203.0.113.5");
        await AttemptAsync("finance@poslink.test", Password, "203.0.113.5");
        await AttemptAsync("nobody@poslink.test", "not the password at all", "203.0.113.5");

        await using var db = await Get<Microsoft.EntityFrameworkCore.IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var entries = await db.AuditEntries.Where(a => a.Action.StartsWith("signin.")).OrderBy(a => a.Id).Select(a => new { a.Action, a.ObjectId, a.Origin }).ToListAsync();
        // A failure on an account that does not exist is written too (the same work before answering), without the name typed.
        Assert.Equal([("signin.failure", "test-" + StaffRole.Finance), ("signin.success", "test-" + StaffRole.Finance), ("signin.failure", "unknown")],
            entries.Select(e => (e.Action, e.ObjectId)));
        Assert.All(entries, e => Assert.Equal("203.0.113.5", e.Origin));
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.ObjectId + a.Before + a.After).ToListAsync(), text => text.Contains("nobody", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATemporaryPassword_MustBeChanged_BeforeAnythingElse()
    {
        var staff = Get<StaffService>();
        var admin = (await staff.ActorForAsync("test-" + StaffRole.Admin))!;
        var member = (await staff.CreateAsync(admin, new StaffDraft("new.finance@poslink.test", "新财务", StaffRole.Finance, []), "a temporary passphrase")).Unwrap();

        using var browser = new FormClient(_address);
        var signIn = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "new.finance@poslink.test", ["Input.Password"] = "a temporary passphrase" });
        Assert.Equal("/account/password", Target(signIn));
        // Nothing else opens meanwhile: the session has no role.
        var holds = await browser.GetAsync("/guarantees");
        Assert.StartsWith("/forbidden", holds.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("/account/password", Target(await browser.GetAsync(holds.Headers.Location!.PathAndQuery)));

        var wrong = await browser.SubmitAsync("/account/password", new Dictionary<string, string> { ["Input.Current"] = "not it at all", ["Input.New"] = "my own long passphrase", ["Input.Repeat"] = "my own long passphrase" });
        Assert.Contains("当前密码不正确", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var changed = await browser.SubmitAsync("/account/password", new Dictionary<string, string> { ["Input.Current"] = "a temporary passphrase", ["Input.New"] = "my own long passphrase", ["Input.Repeat"] = "my own long passphrase" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/guarantees")).StatusCode);

        // Next time, the new password is the one, and nothing more is asked.
        using var later = new FormClient(_address);
        var again = await later.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "new.finance@poslink.test", ["Input.Password"] = "my own long passphrase" });
        Assert.Equal("/", Target(again));

        // The change is audited as the member's own, and no password is in the entry.
        await using var db = await Get<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        var changes = await db.AuditEntries.Where(a => a.Action == "staff.password").OrderBy(a => a.Id).ToListAsync();
        var own = Assert.Single(changes);
        Assert.Equal((member.Id, member.Id), (own.ActorUserId, own.ObjectId));
        Assert.DoesNotContain("passphrase", own.Before + own.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasswordAnAdminResets_IsTemporary_TheNextSignInMustChangeIt()
    {
        var staff = Get<StaffService>();
        var admin = (await staff.ActorForAsync("test-" + StaffRole.Admin))!;
        (await staff.ResetPasswordAsync(admin, "test-" + StaffRole.Finance, "a passphrase the admin chose")).Unwrap();

        using var browser = new FormClient(_address);
        var signIn = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "finance@poslink.test", ["Input.Password"] = "a passphrase the admin chose" });
        Assert.Equal("/account/password", Target(signIn));
        Assert.StartsWith("/forbidden", (await browser.GetAsync("/finance")).Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [GeneratedRegex("(value|nonce)=\"[^\"]{20,}\"|Component-State:[A-Za-z0-9+/=]+")]
    private static partial Regex PerPage();

    /// <summary>Where a redirect goes, as a local path (the app writes absolute URLs).</summary>
    private static string Target(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location!.OriginalString;

    [GeneratedRegex("data-testid=\"login-error\">(?<message>[^<]*)<")]
    private static partial Regex LoginError();
}
