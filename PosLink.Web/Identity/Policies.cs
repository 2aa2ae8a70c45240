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
            .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(StaffRole.Admin));
        return services;
    }
}
