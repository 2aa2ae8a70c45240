using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using PosLink.Domain;
using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Web.Backups;
using PosLink.Web.Components;
using PosLink.Web.Components.Account;
using PosLink.Web.Components.Layout;
using PosLink.Web.Components.Shared;
using PosLink.Web.Data;
using PosLink.Web.Exports;
using PosLink.Web.Health;
using PosLink.Web.Hosting;
using PosLink.Web.Identity;
using PosLink.Web.Jobs;
using PosLink.Web.Resources;
using PosLink.Web.Sandbox;
using PosLink.Web.Telemetry;

namespace PosLink.Web;

/// <summary>The web app's composition: what it registers and what it maps. Program.cs only calls these.</summary>
public static class WebComposition
{
    public const string DefaultConnectionString = "Data Source=poslink.db";

    /// <summary>The rate-limit policy on the sign-in endpoints (password and two-factor code).</summary>
    private const string SignInRateLimit = "sign-in";


    /// <summary>
    /// A published app carries its <c>wwwroot</c> beside its binaries: that folder is its content root, wherever
    /// it is started from. <c>dotnet run</c> (no wwwroot in the build output) keeps the project folder.
    /// </summary>
    public static WebApplicationOptions Options(string[] args) => Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot"))
        ? new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory }
        : new WebApplicationOptions { Args = args };

    public static WebApplicationBuilder AddPosLinkWeb(this WebApplicationBuilder builder)
    {
        builder.Configuration.UseAppSettingsBesideBinaries();
        var configuration = builder.Configuration;
        var services = builder.Services;
        // Resolved when first needed rather than now, so that settings a host adds later still count.
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IConfiguration>();
            var provider = settings.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
            var connectionString = settings.GetConnectionString("PosLink");
            return provider == DatabaseProvider.Postgres
                ? new PosLinkConnection(connectionString ?? throw new InvalidOperationException(
                    "PosLink:Database:Provider is Postgres: set ConnectionStrings:PosLink (e.g. ConnectionStrings__PosLink=\"Host=…;Database=poslink;Username=…\")."), provider)
                : new PosLinkConnection(SqliteConnectionStrings.Resolve(connectionString ?? DefaultConnectionString, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        });
        services.AddPosLinkDomain(configuration);
        services.AddPosLinkHealth();
        services.AddPosLinkSandbox(configuration);
        services.AddPosLinkIdentity(configuration);
        services.AddPosLinkForwardedHeaders(configuration);
        builder.AddPosLinkTelemetry();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A body of its own, so the status-code pages do not re-execute the refused POST as another page.
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                rejected.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(rejected.HttpContext.Response.WriteAsync(
                    L.TooManySignInAttempts, cancellationToken));
            };
            // Only the sign-in POSTs (password and code) are limited, per client address: password guessing, not browsing, is the threat.
            // The policy is attached to the sign-in endpoints themselves (MapPosLinkWeb), so every spelling routing
            // accepts for them (a trailing slash, any case) is limited alike; matching the path by hand missed "/account/login/".
            limiter.AddPolicy(SignInRateLimit, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.SignInAttemptsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("open"));
        });
        // A year, as browsers' preload lists expect; subdomains only when the operator says they all serve https.
        services.AddOptions<HstsOptions>().Configure<IOptions<SecurityOptions>>((hsts, security) =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = security.Value.HstsIncludeSubDomains;
        });
        services.AddSingleton<GuaranteeChangeFeed>();
        services.AddSingleton<SharedReads>();
        services.AddTransient<Components.Notifications.NotificationReads>();
        services.AddHostedService<PostgresChangeRelay>();
        services.Replace(ServiceDescriptor.Singleton<IGuaranteeChanges>(sp => sp.GetRequiredService<GuaranteeChangeFeed>()));
        services.AddPosLinkJobs(configuration);
        services.AddPosLinkBackups(configuration);
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section))
            .Validate(o => o.Seed == false || o.Password.Length >= 12, $"{DemoOptions.Section}:Password must be at least 12 characters when demo data is seeded.")
            // Demo accounts with a published password in front of real money: seeding is for Sandbox demos only.
            .Validate<IOptions<GatewayOptions>>((o, gateway) => o.Seed != true || gateway.Value.Mode != GatewayMode.Live,
                $"{DemoOptions.Section}:Seed is for Sandbox demos only: remove it (or set it to false) when {GatewayOptions.Section}:Mode is Live.")
            .ValidateOnStart();
        services.AddSingleton<DemoData>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoData>());

        // Chinese as characters in the HTML, not &#x...; entities: smaller pages, readable source.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization();
        // The Server header only tells an attacker which stack to aim at.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Messages appear in the top bar, between its own buttons (app.css), where nothing of the page is: a toast in a
        // corner covered the hold page's Complete and Void, or the pager.
        services.AddMudServices(mud =>
        {
            mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.TopCenter;
            mud.SnackbarConfiguration.MaxDisplayedSnackbars = 2;
        });
        services.AddTransient<MudBlazor.MudLocalizer, CatalogueMudLocalizer>();
        services.AddScoped<PosLink.Web.Components.Pages.Guarantees.HoldActions>();
        services.AddScoped<PosLink.Web.Components.Pages.Approvals.ApprovalActions>();
        return builder;
    }

    public static WebApplication MapPosLinkWeb(this WebApplication app)
    {
        app.UsePosLinkForwardedHeaders();
        app.UsePosLinkSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Languages.Default),
            SupportedCultures = [.. Languages.All],
            SupportedUICultures = [.. Languages.All],
            // zh-CN unless the reader chose otherwise (the language link's cookie): store staff read Chinese, whatever
            // language their browser was set up in.
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        });
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapPosLinkSandbox();
        app.MapPosLinkJobDashboard();
        app.MapAccountEndpoints();
        app.MapPosLinkExports();
        app.MapPosLinkHealth();
        app.MapPosLinkMetrics();
        app.MapCultureSwitch();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: IdentityComposition.LoginPath or IdentityComposition.TwoFactorLoginPath })
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(SignInRateLimit));
            }
        });
        return app;
    }
}
