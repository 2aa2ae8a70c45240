using System.Security.Cryptography;
using System.Text;

namespace PosLink.Domain.Webhooks;

/// <summary>
/// How a receiver knows a post is PosLink's and is fresh: <c>X-PosLink-Signature: v1=</c> the lowercase hex of
/// HMAC-SHA256, keyed with the endpoint's secret (its UTF-8 bytes), over <c>{X-PosLink-Timestamp}.{body}</c>, the
/// timestamp in Unix seconds and the body exactly as received. README shows a receiver checking it.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-PosLink-Signature";
    public const string TimestampHeader = "X-PosLink-Timestamp";
    public const string EventIdHeader = "X-PosLink-Event-Id";
    public const string EventTypeHeader = "X-PosLink-Event";

    public static string Sign(string secret, long timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + body);
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>What a receiver does: the signature matches (compared in constant time) and the timestamp is recent.</summary>
    public static bool Verify(string secret, string? timestamp, string body, string? signature, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ||
            signature is null || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, seconds, body)), Encoding.ASCII.GetBytes(signature));
    }
}
