using System.Net;
using Microsoft.Extensions.Options;

namespace PosLink.Web.Hosting;

/// <summary>
/// Behind a reverse proxy named in <see cref="HostingOptions.KnownProxies"/>, the client's address and scheme come
/// from X-Forwarded-For and X-Forwarded-Proto: the sign-in rate limit and the audit trail see the client, cookies
/// are Secure and HSTS applies when the client used https, and a client that came over plain http is redirected.
/// A request from anywhere else keeps its own address: a forged header changes nothing.
/// </summary>
public static class ForwardedHeaders
{
    /// <summary>Set on a request the proxy forwarded (ASP.NET keeps the proxy's own values under it).</summary>
    private const string OriginalProtoHeader = "X-Original-Proto";

    public static IServiceCollection AddPosLinkForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HostingOptions>().Bind(configuration.GetSection(HostingOptions.Section))
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _) || System.Net.IPNetwork.TryParse(p, out _)),
                $"{HostingOptions.Section}:KnownProxies must hold IP addresses (10.0.0.5) or networks (10.0.0.0/24).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HostingOptions>>((forwarded, hosting) =>
        {
            forwarded.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            // Only the proxies named: the defaults (loopback) would let anything on this machine forge a client address.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in hosting.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
            }
        });
        services.AddHttpsRedirection(https => https.HttpsPort = 443);
        return services;
    }

    public static IApplicationBuilder UsePosLinkForwardedHeaders(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<HostingOptions>>().Value.KnownProxies.Length == 0)
        {
            return app;
        }
        app.UseForwardedHeaders();
        // A client that reached the proxy over plain http is sent to https; direct calls (the app's own sandbox
        // client, a load balancer's health check) are not proxied and stay as they are.
        return app.UseWhen(context => context.Request.Headers.ContainsKey(OriginalProtoHeader), branch => branch.UseHttpsRedirection());
    }
}
