using System.Security.Cryptography;
using System.Text;

namespace PosLink.Domain.Gateway;

/// <summary>
/// The OPEN-BODY-SIG scheme of the ChinaUMS open platform (<c>spec/auth.md</c>): an HMAC-SHA256 over
/// AppId, China-time timestamp, nonce and the lowercase SHA-256 of the exact body bytes sent.
/// </summary>
public static class OpenBodySigner
{
    public const string Scheme = "OPEN-BODY-SIG";

    /// <summary>Lowercase hex SHA-256 of the body; an uppercase digest signs to a different value the platform rejects.</summary>
    public static string BodyDigest(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    public static string Signature(string appId, string appKey, string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        var message = Encoding.UTF8.GetBytes(appId + timestamp + nonce + BodyDigest(body));
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appKey), message));
    }

    public static string AuthorizationHeader(string appId, string appKey, string timestamp, string nonce, ReadOnlySpan<byte> body) =>
        $"{Scheme} AppId=\"{appId}\", Timestamp=\"{timestamp}\", Nonce=\"{nonce}\", Signature=\"{Signature(appId, appKey, timestamp, nonce, body)}\"";

    /// <summary>A fresh nonce: 32 lowercase hex characters from a cryptographic source.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Compares a presented signature with the expected one in constant time.</summary>
    public static bool Verify(string appId, string appKey, string timestamp, string nonce, ReadOnlySpan<byte> body, string presented)
    {
        var expected = Encoding.ASCII.GetBytes(Signature(appId, appKey, timestamp, nonce, body));
        var actual = Encoding.UTF8.GetBytes(presented);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
