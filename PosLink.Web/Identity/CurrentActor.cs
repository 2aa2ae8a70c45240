using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using PosLink.Domain.Staff;

namespace PosLink.Web.Identity;

/// <summary>
/// The signed-in member of staff as the domain's <see cref="Actor"/>. Read from the database on every call, so a
/// role or store change applies to the very next action, even on a page opened before it: pages ask for it at
/// each command, never keep it. A restricted session (two-factor set-up or a password change pending) is an actor
/// with no rights at all, so no domain command succeeds for it whatever its account's role.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, StaffService staff, IHttpContextAccessor http, IOptionsMonitor<SecurityOptions> security)
{
    public async Task<Actor?> GetAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return await ForAsync(state.User, http.HttpContext?.Connection.RemoteIpAddress?.ToString(), cancellationToken);
    }

    /// <summary>The actor a request's user is (an endpoint outside Blazor has the user, not an authentication state).</summary>
    public async Task<Actor?> ForAsync(ClaimsPrincipal user, string? origin, CancellationToken cancellationToken = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }
        var actor = await staff.ActorForAsync(userId, origin, cancellationToken);
        if (actor is null)
        {
            return null;
        }
        var restricted = SessionClaims.Restriction(user) is not null ||
                         (security.CurrentValue.RequireAdminTwoFactor && actor.IsAdmin && !SessionClaims.UsedSecondFactor(user));
        return restricted ? Actor.For(actor.UserId, actor.Name, [], [], origin) : actor;
    }

    /// <summary>
    /// The actor for pages a policy already guards. An account disabled or deleted since its session began gets an
    /// actor with no roles and no stores: it sees and may do nothing, until the minute's re-check signs it out.
    /// </summary>
    public async Task<Actor> RequireAsync(CancellationToken cancellationToken = default) =>
        await GetAsync(cancellationToken) ?? Actor.For("none", "—", [], []);
}
