using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using PosLink.Domain.Staff;

namespace PosLink.Web.Identity;

/// <summary>Cookie sign-in for staff: sliding expiry, and a security stamp checked every minute so that a disabled
/// account or a changed role takes effect on open sessions.</summary>
public static class IdentityComposition
{
    public const string LoginPath = "/account/login";
    public const string TwoFactorLoginPath = "/account/login-2fa";
    public const string ForbiddenPath = "/forbidden";

    public static IServiceCollection AddPosLinkIdentity(this IServiceCollection services)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        new IdentityBuilder(typeof(StaffUser), typeof(IdentityRole), services)
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddHttpContextAccessor();
        services.AddScoped<AuthenticationStateProvider, RevalidatingStaffAuthenticationStateProvider>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<TwoFactorService>();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.AccessDeniedPath = ForbiddenPath;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.Name = "PosLink.Auth";
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddCascadingAuthenticationState();
        services.AddPosLinkPolicies();
        return services;
    }
}
