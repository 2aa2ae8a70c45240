using System.Net;
using System.Net.Sockets;
using PosLink.Domain.Common;

namespace PosLink.Domain.Webhooks;

/// <summary>
/// Where PosLink may post: <c>https://</c>, or <c>http://</c> to a loopback address (a receiver on this machine, as
/// tests run one); never to a private, loopback, link-local or otherwise internal address unless the endpoint allows
/// it. The address is checked when an endpoint is registered, and the address actually connected to is checked again
/// on every post (<see cref="WebhookHttp"/>), so a name that later resolves inside the network is refused too.
/// </summary>
public static class WebhookAddress
{
    public const int MaxLength = 500;

    /// <summary>The address as registered, or why it is refused. Literal IPs are checked here; names when connecting.</summary>
    public static Result<Uri> Check(string? text, bool allowPrivateNetwork)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !Uri.TryCreate(text, UriKind.Absolute, out var url) || string.IsNullOrEmpty(url.Host))
        {
            return WebhookProblems.AddressInvalid(Shorten(text));
        }
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return WebhookProblems.AddressInvalid(Shorten(text));
        }
        var ip = IPAddress.TryParse(url.Host.Trim('[', ']'), out var literal) ? literal : null;
        var loopback = url.IsLoopback || (ip is not null && IPAddress.IsLoopback(ip));
        if (url.Scheme == Uri.UriSchemeHttp && !loopback)
        {
            return WebhookProblems.HttpsRequired(url.Host);
        }
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            return WebhookProblems.AddressInvalid(Shorten(text));
        }
        if (!allowPrivateNetwork && (loopback || (ip is not null && IsInternal(ip))))
        {
            return WebhookProblems.PrivateAddress(url.Host);
        }
        return url;
    }

    /// <summary>
    /// Whether an address is not on the public internet: loopback, private (RFC 1918, fc00::/7), link-local (cloud
    /// metadata lives at 169.254.169.254), carrier-grade NAT, unspecified, multicast, or an IPv4 one mapped into IPv6.
    /// </summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC;
        }
        var v4 = address.GetAddressBytes();
        return v4[0] switch
        {
            0 or 10 or 127 => true,
            100 => v4[1] is >= 64 and <= 127,
            169 => v4[1] == 254,
            172 => v4[1] is >= 16 and <= 31,
            192 => v4[1] == 168 || (v4[1] == 0 && v4[2] is 0 or 2),
            198 => v4[1] is 18 or 19,
            >= 224 => true,
            _ => false,
        };
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";
}
