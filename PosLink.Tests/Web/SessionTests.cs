using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Persistence;
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
