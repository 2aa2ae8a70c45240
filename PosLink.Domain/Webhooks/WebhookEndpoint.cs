namespace PosLink.Domain.Webhooks;

/// <summary>
/// A merchant's own system (a hotel's PMS, a rental system) that wants to hear of its holds: an address PosLink posts
/// events to, signed with a secret only the merchant and PosLink know. The secret is kept protected (data protection)
/// and shown once, when the endpoint is registered.
/// </summary>
public sealed class WebhookEndpoint
{
    private WebhookEndpoint()
    {
    }

    public int Id { get; private set; }
    public int MerchantId { get; private set; }
    public string Url { get; private set; } = "";

    /// <summary>The signing secret, protected; only <see cref="WebhookSecrets"/> reads it.</summary>
    public string ProtectedSecret { get; private set; } = "";

    /// <summary>
    /// Whether the address may be on a private, loopback or link-local network (a receiver inside the merchant's own
    /// network, or a test). Off, PosLink refuses to post to such an address, whatever a name resolves to.
    /// </summary>
    public bool AllowPrivateNetwork { get; private set; }

    public bool IsEnabled { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedByName { get; private set; } = "";

    public static WebhookEndpoint Register(int merchantId, Uri url, string protectedSecret, bool allowPrivateNetwork, string by, DateTimeOffset now) => new()
    {
        MerchantId = merchantId,
        Url = url.AbsoluteUri,
        ProtectedSecret = protectedSecret,
        AllowPrivateNetwork = allowPrivateNetwork,
        CreatedAt = now,
        CreatedByName = by,
    };

    public void Enable(bool enabled) => IsEnabled = enabled;
}
