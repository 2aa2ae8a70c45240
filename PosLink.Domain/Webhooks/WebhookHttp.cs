using System.Net;
using System.Net.Sockets;

namespace PosLink.Domain.Webhooks;

/// <summary>
/// The HTTP client webhooks are posted with: redirects are never followed (a receiver cannot bounce PosLink to an
/// internal address), no cookies, and every connection is made here, to an address checked after the name is
/// resolved, so DNS cannot point a registered name inside the network afterwards.
/// </summary>
public static class WebhookHttp
{
    public const string ClientName = "webhooks";

    /// <summary>Set on a request whose endpoint allows private addresses.</summary>
    public static readonly HttpRequestOptionsKey<bool> AllowPrivateNetwork = new("PosLink.Webhooks.AllowPrivateNetwork");

    public static SocketsHttpHandler Handler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        // Not pooled: each post connects through ConnectAsync, so each is checked for the endpoint it is for.
        PooledConnectionLifetime = TimeSpan.Zero,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = ConnectAsync,
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var allowPrivate = context.InitialRequestMessage.Options.TryGetValue(AllowPrivateNetwork, out var allowed) && allowed;
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var usable = allowPrivate ? addresses : addresses.Where(a => !WebhookAddress.IsInternal(a)).ToArray();
        if (usable.Length == 0)
        {
            throw new WebhookRefusedException(WebhookErrors.PrivateAddress);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A post PosLink refused to make (its address is internal and the endpoint does not allow that).</summary>
public sealed class WebhookRefusedException(string error) : IOException(error)
{
    public string Error { get; } = error;
}

/// <summary>Why a post was not delivered, as codes the delivery log words in the reader's language.</summary>
public static class WebhookErrors
{
    public const string Status = "status";
    public const string Redirect = "redirect";
    public const string PrivateAddress = "private-address";
    public const string Timeout = "timeout";
    public const string Connect = "connect";
}
