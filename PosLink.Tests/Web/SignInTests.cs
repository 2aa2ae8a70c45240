using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Tests.Support;
using PosLink.Web.Identity;

namespace PosLink.Tests.Web;

/// <summary>Sign-in through the real form: password, two-factor codes, and the admin two-factor rule.</summary>
public sealed class SignInTests : IAsyncLifetime
{
    private const string Password = "a long test passphrase";
    private readonly PosLinkAppFactory _app = new PosLinkAppFactory().WithRealClock().With("PosLink:Security:RequireAdminTwoFactor", "true");
    private Uri _address = default!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnKestrel();
        await TestStaff.CreateForTestSignInAsync(_app.Services);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Where a redirect goes, as a local path (the app writes absolute URLs).</summary>
    private static string Target(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location!.OriginalString;

    private static Dictionary<string, string> Credentials(string email, string password = Password) => new() { ["Input.Email"] = email, ["Input.Password"] = password };

    [Fact]
    public async Task WrongPassword_SaysSo_RightPasswordSignsIn()
    {
        using var browser = new FormClient(_address);
        var wrong = await browser.SubmitAsync("/account/login", Credentials("finance@poslink.test", "not the password!"));
        Assert.Contains("邮箱或密码不正确", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await browser.SubmitAsync("/account/login", Credentials("finance@poslink.test"));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", Target(right));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/guarantees")).StatusCode);
    }

    [Fact]
    public async Task AdminWithoutTwoFactor_IsSentToSetItUp_AndKeptOutOfAdminPages()
    {
        using var browser = new FormClient(_address);
        var signIn = await browser.SubmitAsync("/account/login", Credentials("admin@poslink.test"));
        Assert.Equal("/account/two-factor", Target(signIn));
        var admin = await browser.GetAsync("/admin/terminals");
        Assert.StartsWith("/forbidden", admin.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/two-factor")).StatusCode);
    }

    /// <summary>The member's security stamp and authenticator key as stored now.</summary>
    private async Task<(string? Stamp, string? Key)> StoredAsync(string userId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        return (await users.GetSecurityStampAsync(user), await users.GetAuthenticatorKeyAsync(user));
    }

    [Fact]
    public async Task OpeningTheTwoFactorPage_ChangesNothing_AndAKeyMadeOnRequestSignsNobodyOut()
    {
        using var browser = new FormClient(_address);
        await browser.SubmitAsync("/account/login", Credentials("finance@poslink.test"));
        var (stamp, key) = await StoredAsync("test-Finance");
        Assert.Null(key);

        // A GET, which any page on the web can make the browser send.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/two-factor")).StatusCode);
        Assert.Equal((stamp, null), await StoredAsync("test-Finance"));

        var setup = await _app.Services.GetRequiredService<TwoFactorService>().CreateKeyAsync(Actor.For("test-Finance", "Finance", [StaffRole.Finance], []));
        var after = await StoredAsync("test-Finance");
        Assert.Equal(stamp, after.Stamp);
        Assert.NotNull(after.Key);
        Assert.NotNull(setup.SharedKey);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/guarantees")).StatusCode);
    }

    [Fact]
    public async Task TwoFactor_AfterThePassword_AsksForTheCode_ThenAdminPagesOpen()
    {
        var twoFactor = _app.Services.GetRequiredService<TwoFactorService>();
        var admin = Actor.For("test-Admin", "Admin", [StaffRole.Admin], []);
        var setup = await twoFactor.CreateKeyAsync(admin);
        var right = Totp.Code(setup.SharedKey!, DateTimeOffset.UtcNow);
        var wrong = (right[0] == '9' ? '0' : (char)(right[0] + 1)) + right[1..];
        Assert.Null(await twoFactor.EnableAsync(admin, wrong));
        Assert.NotNull(await twoFactor.EnableAsync(admin, right));

        using var browser = new FormClient(_address);
        var password = await browser.SubmitAsync("/account/login", Credentials("admin@poslink.test"));
        var step = Target(password);
        Assert.StartsWith("/account/login-2fa", step, StringComparison.Ordinal);

        var badCode = await browser.SubmitAsync(step, new Dictionary<string, string> { ["Input.Code"] = "12345x" });
        Assert.Contains("验证码不正确", await badCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var code = await browser.SubmitAsync(step, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(setup.SharedKey!, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/terminals")).StatusCode);

        // Turning it off needs proof it is the member: a wrong password or code changes nothing; the password does.
        Assert.False(await twoFactor.DisableAsync(admin, "not the password at all"));
        Assert.False(await twoFactor.DisableAsync(admin, wrong));
        Assert.True((await twoFactor.GetAsync("test-Admin")).Enabled);
        Assert.True(await twoFactor.DisableAsync(admin, Password));
        Assert.False((await twoFactor.GetAsync("test-Admin")).Enabled);
        // ...or a current code from the authenticator.
        var again = await twoFactor.GetAsync("test-Admin");
        Assert.NotNull(await twoFactor.EnableAsync(admin, Totp.Code(again.SharedKey!, DateTimeOffset.UtcNow)));
        Assert.True(await twoFactor.DisableAsync(admin, Totp.Code(again.SharedKey!, DateTimeOffset.UtcNow)));
        Assert.False((await twoFactor.GetAsync("test-Admin")).Enabled);

        // Every change of the second factor is in the audit trail, by the member, with no secret in it.
        await using var db = await _app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PosLink.Domain.Persistence.PosLinkDbContext>>().CreateDbContextAsync();
        var changes = db.AuditEntries.Where(a => a.Action == "staff.two-factor").OrderBy(a => a.Id).ToList();
        Assert.Equal(4, changes.Count);
        Assert.All(changes, c => Assert.Equal(("test-Admin", "test-Admin"), (c.ObjectId, c.ActorUserId)));
        Assert.All(changes, c => Assert.DoesNotContain(setup.SharedKey!, c.Before + c.After, StringComparison.Ordinal));
    }
}

/// <summary>With RequireAdminTwoFactor, an admin signed in with a password only can do nothing but set up two-factor sign-in.</summary>
public sealed class AdminTwoFactorRuleTests : IAsyncLifetime
{
    private const string Password = "a long test passphrase";
    private readonly PosLinkAppFactory _app = new PosLinkAppFactory().WithRealClock().With("PosLink:Security:RequireAdminTwoFactor", "true");
    private Uri _address = default!;

    public async Task InitializeAsync()
    {
        _address = _app.StartOnKestrel();
        await TestStaff.CreateForTestSignInAsync(_app.Services);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    [Fact]
    public async Task PasswordOnlyAdmin_IsRefusedByEveryPageAndEveryCommand_AndItsCookieHoldsNoRole()
    {
        var cookies = new System.Net.CookieContainer();
        using var browser = new FormClient(_address, cookies);
        await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "admin@poslink.test", ["Input.Password"] = Password });
        foreach (var page in (string[])["/guarantees/new", "/guarantees", "/", "/admin/staff"])
        {
            var response = await browser.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith("/forbidden", StringComparison.Ordinal), $"{page}: {response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/two-factor")).StatusCode);

        // The cookie itself: no role claim, marked as restricted to setting up two-factor sign-in.
        var cookie = cookies.GetAllCookies().Single(c => c.Name == "PosLink.Auth").Value;
        var ticket = Get<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat.Unprotect(cookie)!;
        Assert.DoesNotContain(ticket.Principal.Claims, c => c.Type == ClaimTypes.Role);
        Assert.Equal(SessionClaims.NeedsTwoFactorSetup, SessionClaims.Restriction(ticket.Principal));

        // The actor the pages would hand the domain, for that principal: no command succeeds.
        var actor = await new CurrentActor(new FixedAuthentication(ticket.Principal), Get<StaffService>(), new HttpContextAccessor(), Get<IOptionsMonitor<SecurityOptions>>()).RequireAsync();
        var system = Actor.System;
        var store = (await Get<TerminalQueries>().StoresAsync(system)).Single();
        var terminal = (await Get<TerminalService>().RegisterTerminalAsync(system, store.Id, "JA000001")).Unwrap();
        (await Get<TerminalService>().ActivateAsync(system, terminal.Id)).Unwrap();
        var held = (await Get<GuaranteeService>().TakeAsync(system, new TakeHold(terminal.Id, 10_000, PayMode.CodeScan, "134567890123456789"))).Unwrap();

        Assert.Equal("not-found", (await Get<GuaranteeService>().CompleteAsync(actor, held.GuaranteeId, 10_000)).Problem!.Code);
        Assert.Equal("not-found", (await Get<GuaranteeService>().TakeAsync(actor, new TakeHold(terminal.Id, 10_000, PayMode.CodeScan, "134567890123456780"))).Problem!.Code);
        Assert.Equal("forbidden", (await Get<StaffService>().CreateAsync(actor, new StaffDraft("x@poslink.test", "X", StaffRole.Admin, []), Password)).Problem!.Code);
        Assert.Equal("forbidden", (await Get<StaffService>().ChangeAsync(actor, "test-" + StaffRole.Finance, new StaffDraft("finance@poslink.test", "F", StaffRole.Admin, []))).Problem!.Code);
        Assert.Equal("forbidden", (await Get<TerminalService>().RegisterStoreAsync(actor, store.MerchantId, "新店")).Problem!.Code);
        Assert.Equal("not-found", (await Get<GuaranteeService>().VoidAsync(actor, held.GuaranteeId, "测试")).Problem!.Code);
        Assert.Equal("not-found", (await Get<GuaranteeService>().RefreshAsync(actor, held.GuaranteeId)).Problem!.Code);
        var view = (await Get<GuaranteeQueries>().DetailAsync(system, held.GuaranteeId))!.Hold;
        Assert.Equal("not-found", (await Get<GuaranteeService>().ImportAsync(actor, terminal.Id, view.OrderId, view.SystemTraceNum)).Problem!.Code);
        // The hold those commands named is untouched.
        Assert.Equal(GuaranteeStatus.Held, (await Get<GuaranteeQueries>().DetailAsync(system, held.GuaranteeId))!.Hold.Status);
    }

    private sealed class FixedAuthentication(ClaimsPrincipal principal) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(principal));
    }
}
