using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using PosLink.Domain.Staff;

namespace PosLink.Web.Identity;

/// <summary>
/// The signed-in member of staff as the domain's <see cref="Actor"/>. Read from the database on every call, so a
/// role or store change applies to the very next action, even on a page opened before it.
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, StaffService staff, IHttpContextAccessor http)
{
    public async Task<Actor?> GetAsync(CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var userId = state.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }
        var origin = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        return await staff.ActorForAsync(userId, origin, cancellationToken);
    }

    /// <summary>
    /// The actor for pages a policy already guards. An account disabled or deleted since its session began gets an
    /// actor with no roles and no stores: it sees and may do nothing, until the minute's re-check signs it out.
    /// </summary>
    public async Task<Actor> RequireAsync(CancellationToken cancellationToken = default) =>
        await GetAsync(cancellationToken) ?? Actor.For("none", "—", [], []);
}
