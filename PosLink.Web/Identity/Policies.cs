using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using PosLink.Domain.Staff;

namespace PosLink.Web.Identity;

/// <summary>The authorization policies pages and endpoints declare. The domain services check again on every action.</summary>
public static class Policies
{
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
        services.AddAuthorizationBuilder()
            .AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(StaffRole.All))
            .AddPolicy(Operate, p => p.RequireAuthenticatedUser().RequireRole(StaffRole.Admin, StaffRole.StoreManager))
            .AddPolicy(Finance, p => p.RequireAuthenticatedUser().RequireRole(StaffRole.Admin, StaffRole.Finance))
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(StaffRole.Admin).AddRequirements(new AdminTwoFactorRequirement()));
        services.AddSingleton<IAuthorizationHandler, AdminTwoFactorHandler>();
        return services;
    }
}

/// <summary>When <see cref="SecurityOptions.RequireAdminTwoFactor"/> is on, admin pages need a two-factor sign-in.</summary>
public sealed class AdminTwoFactorRequirement : IAuthorizationRequirement;

public sealed class AdminTwoFactorHandler(IOptionsMonitor<SecurityOptions> options) : AuthorizationHandler<AdminTwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminTwoFactorRequirement requirement)
    {
        if (!options.CurrentValue.RequireAdminTwoFactor || context.User.HasClaim(StaffClaimsFactory.TwoFactorClaim, "true"))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
