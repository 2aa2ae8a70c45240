using Microsoft.Extensions.Options;

namespace PosLink.Domain.Gateway;

/// <summary>Where the gateway lives. Live mode reads it from settings; the web app's sandbox supplies its own address.</summary>
public interface IGatewayAddress
{
    /// <summary>The base URL the endpoint paths are appended to; always ends in a slash.</summary>
    Uri BaseAddress { get; }
}

/// <summary>The base address from <see cref="GatewayOptions.BaseUrl"/>.</summary>
public sealed class ConfiguredGatewayAddress(IOptions<GatewayOptions> options) : IGatewayAddress
{
    public Uri BaseAddress => WithTrailingSlash(options.Value.BaseUrl
        ?? throw new InvalidOperationException($"{GatewayOptions.Section}:BaseUrl is not set."));

    public static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
}
