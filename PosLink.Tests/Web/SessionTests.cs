using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Web;

/// <summary>How a signed-in session lives and ends: across restarts, at logout, and when idle or too old.</summary>
public sealed class SessionTests
{
    private const string Password = "a long test passphrase";

    private static Dictionary<string, string> Credentials(string email) => new() { ["Input.Email"] = email, ["Input.Password"] = Password };

    [Fact]
    public async Task Restart_KeepsASignedInBrowserSignedIn()
    {
        var database = Path.Combine(Path.GetTempPath(), $"poslink-restart-{Guid.NewGuid():N}.db");
        var cookies = new CookieContainer();
        try
        {
            await using (var before = new PosLinkAppFactory(database).WithRealClock())
            {
                var address = before.StartOnKestrel();
                await TestStaff.CreateForTestSignInAsync(before.Services);
                using var browser = new FormClient(address, cookies);
                var signIn = await browser.SubmitAsync("/account/login", Credentials("finance@poslink.test"));
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/guarantees")).StatusCode);
                // The key ring is in the ledger database, not in a folder of this machine: another node or a new container reads it.
                await using var db = await before.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
                Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
            }

            // A new process on the same database: the keys that protect the cookie come from the database too.
            await using var after = new PosLinkAppFactory(database).WithRealClock();
            using var again = new FormClient(after.StartOnKestrel(), cookies);
            var page = await again.GetAsync("/guarantees");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in (string[])["", "-wal", "-shm"])
            {
                File.Delete(database + suffix);
            }
        }
    }
}

/// <summary>Sign-out and the idle and absolute limits, on the app's fake clock.</summary>
public sealed class SessionLifetimeTests : IAsyncLifetime
{
    private const string Password = "a long test passphrase";
    private readonly PosLinkAppFactory _app = new();
    private Uri _address = default!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnKestrel();
        await TestStaff.CreateForTestSignInAsync(_app.Services);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(FormClient Browser, CookieContainer Cookies)> SignedInAsync()
    {
        var cookies = new CookieContainer();
        var browser = new FormClient(_address, cookies);
        var signIn = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "finance@poslink.test", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/guarantees")).StatusCode);
        return (browser, cookies);
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogoutWithoutAToken_Is400_AndSignsNobodyOut()
    {
        var (browser, _) = await SignedInAsync();
        var logout = await browser.SendAsync(HttpMethod.Post, "/account/logout");
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/guarantees")).StatusCode);
    }

    [Fact]
    public async Task ACookieReplayedAfterLogout_IsSentToSignIn()
    {
        var (browser, cookies) = await SignedInAsync();
        var copied = new CookieContainer();
        copied.Add(cookies.GetAllCookies());
        var stamp = await SecurityStampAsync();

        // The layout's sign-out button is a form with the antiforgery token.
        var logout = await browser.SubmitAsync("/guarantees", new Dictionary<string, string>(), action: "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var replay = new FormClient(_address, copied);
        AssertSentToSignIn(await replay.GetAsync("/guarantees"));
        // Not only this node's session list forgets it: the stamp the cookie carries is no longer the account's, so
        // after a restart or on another node the copy is refused too.
        Assert.NotEqual(stamp, await SecurityStampAsync());
    }

    private async Task<string?> SecurityStampAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return (await users.FindByIdAsync("test-" + StaffRole.Finance))!.SecurityStamp;
    }

    [Fact]
    public async Task IdleForTheIdleTime_IsSignedOut_ActivityKeepsItGoing()
    {
        var (browser, _) = await SignedInAsync();
        _app.Time.Advance(TimeSpan.FromMinutes(20));
        // The open page's report of a click counts as activity.
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(HttpMethod.Post, "/account/activity", r => r.Headers.Add("X-PosLink-Activity", "1"))).StatusCode);
        _app.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/guarantees")).StatusCode);
        _app.Time.Advance(TimeSpan.FromMinutes(31));
        AssertSentToSignIn(await browser.GetAsync("/guarantees"));
    }

    [Fact]
    public async Task ABusySession_EndsAfterTheSessionHours()
    {
        var (browser, _) = await SignedInAsync();
        for (var hour = 0; hour < 12 * 4 - 1; hour++)
        {
            _app.Time.Advance(TimeSpan.FromMinutes(15));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/guarantees")).StatusCode);
        }
        _app.Time.Advance(TimeSpan.FromMinutes(15));
        AssertSentToSignIn(await browser.GetAsync("/guarantees"));
    }
}
