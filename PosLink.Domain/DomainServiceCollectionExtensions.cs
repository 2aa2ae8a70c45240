using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;

namespace PosLink.Domain;

/// <summary>The one place that registers what <c>PosLink.Domain</c> provides.</summary>
public static class DomainServiceCollectionExtensions
{
    /// <summary>Ledger contexts on <paramref name="connection"/>'s provider, as the app makes them (for tools and tests).</summary>
    public static IDbContextFactory<PosLinkDbContext> LedgerContextsFor(PosLinkConnection connection, ILoggerFactory? loggers = null) => new LedgerContexts(connection, loggers);

    public static IServiceCollection AddPosLinkDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<GatewayOptions>()
            .Bind(configuration.GetSection(GatewayOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.TryAddSingleton<IGatewayAddress, ConfiguredGatewayAddress>();
        services.AddMetrics();
        services.TryAddSingleton<GatewayMetrics>();

        // Deliberately no resilience or retry handler: a money-moving POST is sent once, and its timeout
        // comes from the injected clock inside the client (HttpClient's own timeout is switched off).
        services.AddHttpClient<IPosLinkGateway, PosLinkGatewayClient>((sp, http) =>
        {
            http.BaseAddress = sp.GetRequiredService<IGatewayAddress>().BaseAddress;
            http.Timeout = Timeout.InfiniteTimeSpan;
        });

        services.AddOptions<GuaranteeOptions>()
            .Bind(configuration.GetSection(GuaranteeOptions.Section))
            .Validate(o => o.MaxAmountFen > 0 && o.LifetimeDays > 0 && o.AttentionAfterHours > 0 && o.QueryBackoffSeconds is { Length: > 0 } &&
                           o.QueryBackoffSeconds.All(s => s > 0) && o.AbandonedAfterExtraSeconds >= 0 && o.BulkLimit > 0 && o.BulkMaxInFlight > 0 &&
                           o.SecondApprovalAboveFen is null or >= 0 && o.SecondApprovalHours > 0,
                $"{GuaranteeOptions.Section}: MaxAmountFen, LifetimeDays, AttentionAfterHours, BulkLimit, BulkMaxInFlight, SecondApprovalHours and every QueryBackoffSeconds must be positive, SecondApprovalAboveFen not negative.")
            .ValidateOnStart();

        // One short-lived context per operation: Blazor circuits live long, a DbContext must not.
        // The connection string comes from the host (PosLinkConnection), which knows where the app lives.
        services.TryAddSingleton(sp => LedgerContextsFor(sp.GetRequiredService<PosLinkConnection>(), sp.GetService<ILoggerFactory>()));
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContext());

        // Staff are a domain concept: Identity's user and role stores live in the ledger database.
        services.AddIdentityCore<StaffUser>(identity =>
            {
                // Length over composition (NIST SP 800-63B); the web app adds a common-password check.
                identity.Password.RequiredLength = 12;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
                identity.User.RequireUniqueEmail = true;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PosLinkDbContext>()
            // Its secrets (authenticator key, recovery codes) stored protected: a copy of the database is no second factor.
            .AddUserStore<ProtectedUserStore>()
            .AddDefaultTokenProviders();
        // Cookies, password-reset and authenticator tokens are protected with keys kept in the ledger database: a
        // restart signs nobody out, and every node reads the same keys. The fixed application name keeps them valid
        // wherever the app is installed (the default discriminator is its folder).
        services.AddDataProtection()
            .SetApplicationName("PosLink")
            .PersistKeysToDbContext<PosLinkDbContext>();

        services.TryAddSingleton<IActivationQueue, NoActivationQueue>();
        services.TryAddSingleton<IGuaranteeChanges, NoGuaranteeChanges>();
        services.TryAddSingleton<Guarantees.Bulk.IBulkQueue, Guarantees.Bulk.NoBulkQueue>();
        services.AddTransient<StaffService>();
        services.AddTransient<TerminalService>();
        services.AddTransient<GuaranteeService>();
        services.AddTransient<GuaranteeReconciler>();
        services.AddTransient<GuaranteeSweeps>();
        services.AddTransient<GuaranteeTiming>();
        services.AddTransient<GuaranteeQueries>();
        services.AddTransient<Guarantees.Bulk.BulkService>();
        services.AddTransient<Guarantees.Bulk.BulkRunner>();
        services.AddTransient<Guarantees.Bulk.BulkQueries>();
        services.AddTransient<Guarantees.Approvals.ApprovalQueries>();
        services.AddTransient<Webhooks.WebhookSecrets>();
        services.AddTransient<Webhooks.WebhookService>();
        services.AddTransient<Webhooks.WebhookDispatcher>();
        services.AddHttpClient(Webhooks.WebhookHttp.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(Webhooks.WebhookHttp.Handler);
        services.AddTransient<Notifications.NotificationQueries>();
        services.AddTransient<DepositQueries>();
        services.AddTransient<Handovers.HandoverService>();
        services.AddTransient<Guarantees.Recovery.RestoredLedger>();
        services.AddTransient<Guarantees.Recovery.LedgerRecovery>();
        services.AddTransient<DashboardQueries>();
        services.AddTransient<Finance.SettlementQueries>();
        services.AddTransient<Finance.ReconciliationQueries>();
        services.AddTransient<Finance.ReconciliationService>();
        services.AddTransient<Finance.StatementImporter>();
        services.AddTransient<TerminalQueries>();
        services.AddTransient<Audit.AuditQueries>();
        return services;
    }
}
