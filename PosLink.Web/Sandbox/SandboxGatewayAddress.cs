using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;

namespace PosLink.Web.Sandbox;

/// <summary>
/// In Sandbox mode the client calls the app's own <c>/sandbox</c> over real HTTP, so the whole path (JSON,
/// signature, headers) is exercised: the address is the one the server listens on, unless BaseUrl names
/// another. In Live mode it is BaseUrl.
/// </summary>
public sealed class SandboxGatewayAddress(IServer server, IOptions<GatewayOptions> options) : IGatewayAddress
{
    public Uri BaseAddress
    {
        get
        {
            if (options.Value.Mode == GatewayMode.Live || !string.IsNullOrWhiteSpace(options.Value.BaseUrl))
            {
                return ConfiguredGatewayAddress.WithTrailingSlash(options.Value.BaseUrl ?? "");
            }
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            // Plain HTTP on loopback first: the app talks to itself, and needs no certificate trust for it.
            var own = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("The sandbox's address is not known before the server listens; set PosLink:Gateway:BaseUrl to call it earlier.");
            var uri = new UriBuilder(own);
            if (uri.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
            {
                uri.Host = "localhost";
            }
            uri.Path = SandboxEndpoints.Prefix + "/";
            return uri.Uri;
        }
    }
}
