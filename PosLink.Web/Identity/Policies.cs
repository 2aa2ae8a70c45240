using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using PosLink.Domain.Staff;

namespace PosLink.Web.Identity;

/// <summary>
/// The authorization policies pages and endpoints declare. The domain services check again on every action. A
/// restricted session (two-factor set-up or a temporary password pending) has no role claims, so only
/// <see cref="SignedIn"/> lets it through.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in session, restricted ones included: the pages that lift the restriction.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Any signed-in member of staff with a role.</summary>
    public const string Staff = "staff";

    /// <summary>Those who may move money: store managers (their stores) and admins.</summary>
    public const string Operate = "operate";

    /// <summary>Reconciliation: finance and admins.</summary>
    public const string Finance = "finance";

    /// <summary>Admins only: registration, staff, jobs.</summary>
    public const string Admin = "admin";

    public static IServiceCollection AddPosLinkPolicies(this IServiceCollection services)
    {
        var twoFactor = new AdminTwoFactorRequirement();
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(StaffRole.All).AddRequirements(twoFactor))
            .AddPolicy(Operate, p => p.RequireAuthenticatedUser().RequireRole(StaffRole.Admin, StaffRole.StoreManager).AddRequirements(twoFactor))
            .AddPolicy(Finance, p => p.RequireAuthenticatedUser().RequireRole(StaffRole.Admin, StaffRole.Finance).AddRequirements(twoFactor))
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(StaffRole.Admin).AddRequirements(twoFactor));
        services.AddSingleton<IAuthorizationHandler, AdminTwoFactorHandler>();
        return services;
    }
}

/// <summary>
/// When <see cref="SecurityOptions.RequireAdminTwoFactor"/> is on, an admin's session must have used a second factor
/// for any page: a backstop behind <see cref="SessionClaims.Shape"/>, which already strips such a session's roles.
/// </summary>
public sealed class AdminTwoFactorRequirement : IAuthorizationRequirement;

public sealed class AdminTwoFactorHandler(IOptionsMonitor<SecurityOptions> options) : AuthorizationHandler<AdminTwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminTwoFactorRequirement requirement)
    {
        if (!options.CurrentValue.RequireAdminTwoFactor || !context.User.IsInRole(StaffRole.Admin) || SessionClaims.UsedSecondFactor(context.User))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
