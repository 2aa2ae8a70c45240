using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PosLink.Web.Identity;

/// <summary>
/// The sign-in cookie's rules: each cookie names its session (<see cref="SessionClaims"/>); a session ends when
/// idle for <see cref="SecurityOptions.IdleMinutes"/>, <see cref="SecurityOptions.SessionHours"/> after sign-in,
/// when signed out (a replayed copy is refused), or when the account's security stamp changes.
/// </summary>
public sealed class StaffCookieEvents(SessionRegistry sessions, TimeProvider time, IOptionsMonitor<SecurityOptions> options) : CookieAuthenticationEvents
{
    public override Task SigningIn(CookieSigningInContext context)
    {
        if (context.Principal is { } principal)
        {
            SessionClaims.Shape(principal, previous: null, time.GetUtcNow(), options.CurrentValue);
            if (SessionClaims.Id(principal) is { } id)
            {
                sessions.Touch(id);
            }
        }
        return base.SigningIn(context);
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = principal is null ? null : SessionClaims.Id(principal);
        if (principal is null || id is null || !IsCurrent(principal, id))
        {
            await RejectAsync(context, id);
            return;
        }
        // Identity's own check: a changed security stamp (role, password, disabled) ends the session.
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is null)
        {
            sessions.End(id);
            return;
        }
        sessions.Touch(id);
    }

    /// <summary>Whether a session may still be used now: not too old, not idle, not ended.</summary>
    public bool IsCurrent(System.Security.Claims.ClaimsPrincipal principal, string id)
    {
        var settings = options.CurrentValue;
        return SessionClaims.Start(principal) is { } start && time.GetUtcNow() - start < settings.Lifetime && sessions.IsLive(id, settings.Idle);
    }

    private async Task RejectAsync(CookieValidatePrincipalContext context, string? id)
    {
        if (id is not null)
        {
            sessions.End(id);
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
