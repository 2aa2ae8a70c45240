using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using PosLink.Domain.Staff;

namespace PosLink.Web.Identity;

/// <summary>
/// What a sign-in cookie says about its session beyond who it is: an id and a start (for idle and absolute
/// limits), whether a second factor was used, and whether the session is restricted to setting up two-factor
/// sign-in or changing a temporary password. A restricted session carries no role claims: no page and no
/// command that needs a role accepts it.
/// </summary>
public static class SessionClaims
{
    public const string SessionId = "poslink:sid";
    public const string Started = "poslink:since";
    public const string Restricted = "poslink:restricted";

    /// <summary>Set by the claims factory from the account: the password was set by an admin and must be changed.</summary>
    public const string MustChangePassword = "poslink:must-change-password";

    /// <summary>Identity's "authentication methods" claim; <c>mfa</c> after a code or recovery code.</summary>
    public const string AuthenticationMethods = "amr";

    public const string NeedsTwoFactorSetup = "two-factor-setup";
    public const string NeedsPasswordChange = "password-change";

    public static string? Id(ClaimsPrincipal principal) => principal.FindFirstValue(SessionId);

    public static DateTimeOffset? Start(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(Started), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static string? Restriction(ClaimsPrincipal principal) => principal.FindFirstValue(Restricted);

    public static bool UsedSecondFactor(ClaimsPrincipal principal) => principal.HasClaim(AuthenticationMethods, "mfa");

    /// <summary>
    /// Gives a principal being signed in (or refreshed) its session claims: the id, start and second factor of
    /// <paramref name="previous"/> when it continues a session, new ones otherwise; then restricts it if it must
    /// set up two-factor sign-in or change its password first.
    /// </summary>
    public static void Shape(ClaimsPrincipal principal, ClaimsPrincipal? previous, DateTimeOffset now, SecurityOptions options)
    {
        if (principal.Identity is not ClaimsIdentity identity)
        {
            return;
        }
        if (previous is not null)
        {
            foreach (var type in (string[])[SessionId, Started, AuthenticationMethods])
            {
                if (!identity.HasClaim(c => c.Type == type) && previous.FindFirst(type) is { } carried)
                {
                    identity.AddClaim(new Claim(type, carried.Value));
                }
            }
        }
        if (!identity.HasClaim(c => c.Type == SessionId))
        {
            identity.AddClaim(new Claim(SessionId, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))));
            identity.AddClaim(new Claim(Started, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        }

        var restriction = principal.HasClaim(MustChangePassword, "true") ? NeedsPasswordChange
            : options.RequireAdminTwoFactor && principal.IsInRole(StaffRole.Admin) && !UsedSecondFactor(principal) ? NeedsTwoFactorSetup
            : null;
        foreach (var claim in identity.FindAll(c => c.Type == Restricted).ToList())
        {
            identity.RemoveClaim(claim);
        }
        if (restriction is not null)
        {
            foreach (var role in identity.FindAll(identity.RoleClaimType).ToList())
            {
                identity.RemoveClaim(role);
            }
            identity.AddClaim(new Claim(Restricted, restriction));
        }
    }
}
