using System.Net;

namespace PosLink.Web.Hosting;

/// <summary>Whether a client's address is this machine or in a list of addresses and networks a setting names.</summary>
public static class ClientAddresses
{
    public static bool AreValid(IEnumerable<string> allowed) => allowed.All(a => IPAddress.TryParse(a, out _) || IPNetwork.TryParse(a, out _));

    public static bool IsLoopbackOrIn(IPAddress? client, IEnumerable<string> allowed)
    {
        if (client is null)
        {
            return false;
        }
        client = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return IPAddress.IsLoopback(client) || allowed.Any(a =>
            IPAddress.TryParse(a, out var address) ? address.Equals(client) : IPNetwork.TryParse(a, out var network) && network.Contains(client));
    }
}
