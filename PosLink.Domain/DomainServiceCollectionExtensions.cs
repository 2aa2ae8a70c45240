using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;

namespace PosLink.Domain;

/// <summary>The one place that registers what <c>PosLink.Domain</c> provides.</summary>
public static class DomainServiceCollectionExtensions
{
    public static IServiceCollection AddPosLinkDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<GatewayOptions>()
            .Bind(configuration.GetSection(GatewayOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.TryAddSingleton<IGatewayAddress, ConfiguredGatewayAddress>();

        // Deliberately no resilience or retry handler: a money-moving POST is sent once, and its timeout
        // comes from the injected clock inside the client (HttpClient's own timeout is switched off).
        services.AddHttpClient<IPosLinkGateway, PosLinkGatewayClient>((sp, http) =>
        {
            http.BaseAddress = sp.GetRequiredService<IGatewayAddress>().BaseAddress;
            http.Timeout = Timeout.InfiniteTimeSpan;
        });

        return services;
    }
}
