using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PosLink.Domain.Audit;
using PosLink.Domain.Staff;
using PosLink.Web.Identity;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Account;

/// <summary>
/// Sign-out, and the open page's report that its person is active. Sign-out is a POST with the antiforgery token
/// of the form that sends it; it ends the session (a copied cookie is refused at once) and renews the security
/// stamp, which ends the member's other sessions too.
/// </summary>
public static class AccountEndpoints
{
    public const string LogoutPath = "/account/logout";
    public const string ActivityPath = "/account/activity";

    /// <summary>A header a cross-site form cannot send: what makes the activity POST safe without a token.</summary>
    public const string ActivityHeader = "X-PosLink-Activity";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LogoutPath, async (HttpContext context, [FromServices] IAntiforgery antiforgery, [FromServices] SignInManager<StaffUser> signIn,
            [FromServices] SessionRegistry sessions, [FromServices] SignInAudit audit) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest(L.SignOutWithButton);
            }
            if (SessionClaims.Id(context.User) is { } id)
            {
                sessions.End(id);
            }
            if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
                await audit.RecordAsync(AuditActions.SignOut, user, context.Connection.RemoteIpAddress?.ToString());
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect("~/account/login");
        }).DisableAntiforgery(); // validated above, so that a missing token is a plain 400

        // The cookie handler has already counted this request as activity (and renewed a sliding cookie); nothing else
        // to do. A session that has ended gets a plain 401, not a redirect to the sign-in page.
        endpoints.MapPost(ActivityPath, (HttpContext context) =>
            !context.Request.Headers.ContainsKey(ActivityHeader) ? Results.BadRequest()
            : context.User.Identity?.IsAuthenticated == true ? Results.NoContent()
            : Results.StatusCode(StatusCodes.Status401Unauthorized))
            .AllowAnonymous()
            .DisableAntiforgery();
        return endpoints;
    }
}
