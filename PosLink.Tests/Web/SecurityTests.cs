using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Jobs;

namespace PosLink.Tests.Web;

public sealed class SecurityTests : IAsyncLifetime
{
    private readonly PosLinkAppFactory _app = new PosLinkAppFactory().WithRealClock().With("PosLink:Security:SignInAttemptsPerMinute", "3").With("PosLink:Jobs:Recurring", "true");
    private Uri _address = default!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnKestrel();
        await TestStaff.CreateForTestSignInAsync(_app.Services);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SignInPosts_BeyondTheLimit_AreRefused429()
    {
        using var browser = new FormClient(_address);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "finance@poslink.test", ["Input.Password"] = "wrong wrong wrong" })).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        // Reading the page is not limited.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/login")).StatusCode);
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("finance-finance-2026")]
    [InlineData("PosLink-Demo-2026")]
    [InlineData("poslink-demo-2026")]
    public async Task CommonPasswords_AreRefused(string password)
    {
        var staff = _app.Services.GetRequiredService<StaffService>();
        var admin = Actor.For("test-Admin", "Admin", [StaffRole.Admin], []);
        var result = await staff.CreateAsync(admin, new StaffDraft("finance2@poslink.test", "财务二", StaffRole.Finance, []), password.Replace("finance", "finance2", StringComparison.Ordinal));
        Assert.Equal("password", result.Problem!.Field);
        Assert.Contains("太常见", result.Problem.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageSwitch_RemembersEnglish()
    {
        using var browser = new FormClient(_address);
        var chinese = await (await browser.GetAsync("/account/login")).Content.ReadAsStringAsync();
        Assert.Contains("登录", chinese, StringComparison.Ordinal);

        var switched = await browser.GetAsync("/culture?culture=en&redirect=%2Faccount%2Flogin");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var english = await (await browser.GetAsync("/account/login")).Content.ReadAsStringAsync();
        Assert.Contains("Sign in", english, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\"", english, StringComparison.Ordinal);

        // Only local redirects.
        var outside = await browser.GetAsync("/culture?culture=zh-CN&redirect=%2F%2Fevil.example");
        Assert.Equal("/", outside.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("%2F%5C%5Cevil.example%2Fx")]
    [InlineData("https%3A%2F%2Fevil.example")]
    public async Task LanguageSwitch_GoesHome_ForAnyRedirectThatIsNotALocalPath(string redirect)
    {
        using var browser = new FormClient(_address);

        var switched = await browser.GetAsync($"/culture?culture=en&redirect={redirect}");

        Assert.Equal((HttpStatusCode.Redirect, "/"), (switched.StatusCode, switched.Headers.Location?.OriginalString));
    }

    [Fact]
    public void JobHealth_ListsTheRecurringJobs()
    {
        var jobs = _app.Services.GetRequiredService<JobHealth>().Recurring().Select(j => j.Id);
        Assert.Equal(["bulk-resume", "expiry-warnings", "ledger-backup", "open-holds-sync", "reconciliation", "status-sweep", "terminal-activation", "webhooks"], jobs);
    }

    [Fact]
    public async Task ADisabledAccount_CannotSignIn_EvenWithItsPassword()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var finance = (await users.FindByIdAsync("test-Finance"))!;
            finance.IsDisabled = true;
            await users.UpdateAsync(finance);
        }
        using var browser = new FormClient(_address);
        var response = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "finance@poslink.test", ["Input.Password"] = "a long test passphrase" });
        Assert.Contains("账号已停用", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
