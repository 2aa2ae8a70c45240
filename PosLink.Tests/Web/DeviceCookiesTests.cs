using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using PosLink.Web.Identity;

namespace PosLink.Tests.Web;

/// <summary>A device cookie names one account, and only until it expires on the app's clock.</summary>
public sealed class DeviceCookiesTests
{
    [Fact]
    public void ADeviceCookie_IsKnownForItsAccount_UntilItExpires()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var devices = new DeviceCookies(new EphemeralDataProtectionProvider(), time);
        var signIn = new DefaultHttpContext();
        devices.Issue(signIn, "user-1");
        var cookie = signIn.Response.Headers.SetCookie.ToString().Split(';')[0];
        var later = new DefaultHttpContext();
        later.Request.Headers.Cookie = cookie;

        Assert.NotNull(devices.Read(later.Request, "user-1"));
        Assert.Null(devices.Read(later.Request, "user-2"));
        time.Advance(TimeSpan.FromDays(181));
        Assert.Null(devices.Read(later.Request, "user-1"));
    }
}
