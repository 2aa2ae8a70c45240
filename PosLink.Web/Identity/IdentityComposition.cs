using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PosLink.Domain.Staff;

namespace PosLink.Web.Identity;

/// <summary>
/// Cookie sign-in for staff: a session that ends when idle, when too old, at sign-out and when the account
/// changes (security stamp, checked every minute), in open tabs as well as on the next request.
/// </summary>
public static class IdentityComposition
{
    public const string LoginPath = "/account/login";
    public const string TwoFactorLoginPath = "/account/login-2fa";
    public const string ForbiddenPath = "/forbidden";

    public static IServiceCollection AddPosLinkIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section))
            .Validate(o => o.SignInAttemptsPerMinute > 0 && o.IdleMinutes > 0 && o.SessionHours > 0 && o.FailuresPerAddress > 0 && o.AddressesToLockAccount > 1 && o.LockoutMinutes > 0,
                $"{SecurityOptions.Section}: every limit must be positive, and AddressesToLockAccount at least 2.")
            .ValidateOnStart();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        new IdentityBuilder(typeof(StaffUser), typeof(IdentityRole), services)
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddHttpContextAccessor();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DeviceCookies>();
        services.AddScoped<StaffCookieEvents>();
        services.AddScoped<AuthenticationStateProvider, StaffAuthenticationStateProvider>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<TwoFactorService>();
        services.AddTransient<SignInAudit>();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.AccessDeniedPath = ForbiddenPath;
            cookie.SlidingExpiration = true;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Name = "PosLink.Auth";
            cookie.EventsType = typeof(StaffCookieEvents);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SecurityOptions>>((cookie, security) => cookie.ExpireTimeSpan = security.Value.Idle);
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider, IOptionsMonitor<SecurityOptions>>((validator, time, security) =>
        {
            validator.ValidationInterval = TimeSpan.FromMinutes(1);
            // A refreshed principal (the stamp is checked every minute) continues its session: same id, start and second factor.
            validator.OnRefreshingPrincipal = refresh =>
            {
                if (refresh.NewPrincipal is { } fresh)
                {
                    SessionClaims.Shape(fresh, refresh.CurrentPrincipal, time.GetUtcNow(), security.CurrentValue);
                }
                return Task.CompletedTask;
            };
        });
        services.AddCascadingAuthenticationState();
        services.AddPosLinkPolicies();
        return services;
    }
}
