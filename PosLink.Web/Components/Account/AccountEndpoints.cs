using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PosLink.Domain.Staff;

namespace PosLink.Web.Components.Account;

/// <summary>Sign-out: a POST (with the antiforgery token of the form that sends it), then back to sign-in.</summary>
public static class AccountEndpoints
{
    public const string LogoutPath = "/account/logout";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LogoutPath, async ([FromServices] SignInManager<StaffUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        });
        return endpoints;
    }
}
