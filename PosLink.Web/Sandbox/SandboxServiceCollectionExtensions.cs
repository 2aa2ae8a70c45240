using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;

namespace PosLink.Web.Sandbox;

/// <summary>Registers the built-in gateway sandbox and, in Sandbox mode, points the app's client at it.</summary>
public static class SandboxServiceCollectionExtensions
{
    public static IServiceCollection AddPosLinkSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>()
            .Bind(configuration.GetSection(SandboxOptions.Section))
            // The mode is read from configuration, not from GatewayOptions, whose post-configuration reads these options.
            .Validate(o => configuration.GetValue(GatewayOptions.Section + ":" + nameof(GatewayOptions.Mode), GatewayMode.Sandbox) != GatewayMode.Sandbox ||
                    (!string.IsNullOrWhiteSpace(o.AppId) && !string.IsNullOrWhiteSpace(o.AppKey)),
                $"{SandboxOptions.Section}:AppId and {SandboxOptions.Section}:AppKey are required in Sandbox mode.")
            .Validate(o => o.SlowResponseSeconds >= 0 && o.PendingSeconds >= 0 && o.TimestampToleranceMinutes > 0,
                $"{SandboxOptions.Section}: SlowResponseSeconds and PendingSeconds must not be negative, TimestampToleranceMinutes must be positive.")
            .Validate<IHostEnvironment>((o, environment) => !environment.IsProduction() || o.AllowInProduction ||
                    configuration.GetValue(GatewayOptions.Section + ":" + nameof(GatewayOptions.Mode), GatewayMode.Sandbox) != GatewayMode.Sandbox,
                $"{GatewayOptions.Section}:Mode is Sandbox in the Production environment: set {GatewayOptions.Section}:Mode=Live for real payments, " +
                $"or {SandboxOptions.Section}:AllowInProduction=true for a public demo server.")
            .Validate(o => o.AllowedClients.All(c => System.Net.IPAddress.TryParse(c, out _) || System.Net.IPNetwork.TryParse(c, out _)),
                $"{SandboxOptions.Section}:AllowedClients must hold IP addresses (10.0.0.5) or networks (10.0.0.0/24).")
            .ValidateOnStart();

        // In Sandbox mode the app's own client signs with the sandbox's credentials and calls the sandbox's address.
        // Everything here is registered in both modes and decides by the options at run time, so that a mode
        // set late (by a test host, say) is honoured.
        services.AddOptions<GatewayOptions>().PostConfigure<IOptions<SandboxOptions>>((gateway, sandbox) =>
        {
            if (gateway.Mode == GatewayMode.Sandbox)
            {
                gateway.AppId = sandbox.Value.AppId;
                gateway.AppKey = sandbox.Value.AppKey;
            }
        });
        services.Replace(ServiceDescriptor.Singleton<IGatewayAddress, SandboxGatewayAddress>());

        services.AddSingleton<IDbContextFactory<SandboxDbContext>, SandboxContexts>();
        // For the design-time tools (dotnet ef), which look for the context itself.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<SandboxDbContext>>().CreateDbContext());
        services.AddSingleton<SandboxGate>();
        services.AddSingleton<SandboxGateway>();
        return services;
    }
}
