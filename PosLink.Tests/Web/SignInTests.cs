using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Staff;
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

    [Fact]
    public async Task TwoFactor_AfterThePassword_AsksForTheCode_ThenAdminPagesOpen()
    {
        var twoFactor = _app.Services.GetRequiredService<TwoFactorService>();
        var setup = await twoFactor.GetAsync("test-Admin");
        var admin = Actor.For("test-Admin", "Admin", [StaffRole.Admin], []);
        var right = Totp.Code(setup.SharedKey, DateTimeOffset.UtcNow);
        var wrong = (right[0] == '9' ? '0' : (char)(right[0] + 1)) + right[1..];
        Assert.Null(await twoFactor.EnableAsync(admin, wrong));
        Assert.NotNull(await twoFactor.EnableAsync(admin, right));

        using var browser = new FormClient(_address);
        var password = await browser.SubmitAsync("/account/login", Credentials("admin@poslink.test"));
        var step = Target(password);
        Assert.StartsWith("/account/login-2fa", step, StringComparison.Ordinal);

        var badCode = await browser.SubmitAsync(step, new Dictionary<string, string> { ["Input.Code"] = "12345x" });
        Assert.Contains("验证码不正确", await badCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var code = await browser.SubmitAsync(step, new Dictionary<string, string> { ["Input.Code"] = Totp.Code(setup.SharedKey, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/terminals")).StatusCode);
    }
}
