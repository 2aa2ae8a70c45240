using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
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
            .Validate<IHostEnvironment>((o, environment) => !environment.IsProduction() || !string.IsNullOrEmpty(o.KeyCertificatePath) || o.AllowUnencryptedKeys,
                $"In Production the data-protection keys are encrypted at rest: set {SecurityOptions.Section}:KeyCertificatePath to a PFX certificate and " +
                $"{SecurityOptions.Section}:KeyCertificatePassword (README, 'Deploy', says how to make one), or {SecurityOptions.Section}:AllowUnencryptedKeys=true " +
                "to accept keys that anyone with a copy of the database can use to sign in as anyone.")
            .ValidateOnStart();
        EncryptKeysAtRest(services, configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>());
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        new IdentityBuilder(typeof(StaffUser), typeof(IdentityRole), services)
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<LocalizedIdentityErrors>();
        services.AddHttpContextAccessor();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DeviceCookies>();
        services.AddScoped<StaffCookieEvents>();
        services.AddScoped<AuthenticationStateProvider, StaffAuthenticationStateProvider>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<TwoFactorService>();
        services.AddTransient<SignInAudit>();
        services.AddSingleton<SignInMetrics>();
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

    /// <summary>With a certificate configured, new keys are written encrypted with it and keys are read with it.</summary>
    private static void EncryptKeysAtRest(IServiceCollection services, SecurityOptions? security)
    {
        if (security?.KeyCertificatePath is not { Length: > 0 } path)
        {
            return;
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, security.KeyCertificatePassword);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{SecurityOptions.Section}:KeyCertificatePath: the certificate at {path} could not be read ({ex.GetType().Name}); check the file and KeyCertificatePassword.", ex);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{SecurityOptions.Section}:KeyCertificatePath: the certificate at {path} has no private key; export it as a PFX with its key.");
        }
        services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }
}
