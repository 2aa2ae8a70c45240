using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PosLink.Web.Identity;

/// <summary>
/// The OWASP device cookie: after a successful password sign-in the browser keeps a protected cookie naming the
/// account, so that when a distributed guess has put the account under protection (<see cref="SignInThrottle"/>),
/// its owner's own device still signs in normally and a stranger cannot lock them out.
/// </summary>
public sealed class DeviceCookies(IDataProtectionProvider protection, TimeProvider time)
{
    public const string Name = "PosLink.Device";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    // The expiry travels inside the protected value and is judged on the app's clock, like every other time rule.
    private readonly IDataProtector _protector = protection.CreateProtector("PosLink.DeviceCookie");

    /// <summary>The device's id, when the request carries a device cookie this account was given; otherwise null.</summary>
    public string? Read(HttpRequest request, string userId)
    {
        if (!request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }
        try
        {
            var parts = _protector.Unprotect(value).Split('|');
            return parts.Length == 3 && parts[0] == userId && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var expires) &&
                   expires > time.GetUtcNow().ToUnixTimeSeconds()
                ? parts[1]
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public void Issue(HttpContext context, string userId)
    {
        var expires = (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds();
        var value = _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{userId}|{Guid.NewGuid():N}|{expires}"));
        context.Response.Cookies.Append(Name, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/account",
            MaxAge = Lifetime,
            IsEssential = true,
        });
    }
}
