using System.Diagnostics.CodeAnalysis;

namespace PosLink.Domain.Gateway;

/// <summary>The parts of an <c>Authorization: OPEN-BODY-SIG …</c> header, as a server reads them.</summary>
public sealed record OpenBodyAuthorization(string AppId, string Timestamp, string Nonce, string Signature)
{
    /// <summary>
    /// Parses <c>OPEN-BODY-SIG AppId="…", Timestamp="…", Nonce="…", Signature="…"</c>, with or without the
    /// space after each comma, in any order; <paramref name="problem"/> says what is wrong otherwise.
    /// </summary>
    public static bool TryParse(string? header, [NotNullWhen(true)] out OpenBodyAuthorization? authorization, out string problem)
    {
        authorization = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            problem = "缺少Authorization头";
            return false;
        }
        var prefix = OpenBodySigner.Scheme + " ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
        {
            problem = $"认证方式不是{OpenBodySigner.Scheme}";
            return false;
        }
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in header[prefix.Length..].Split(','))
        {
            var part = raw.Trim();
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || part.Length < eq + 3 || part[eq + 1] != '"' || part[^1] != '"')
            {
                problem = "Authorization头格式错误";
                return false;
            }
            parts[part[..eq]] = part[(eq + 2)..^1];
        }
        foreach (var name in (string[])["AppId", "Timestamp", "Nonce", "Signature"])
        {
            if (!parts.TryGetValue(name, out var value) || value.Length == 0)
            {
                problem = $"Authorization头缺少{name}";
                return false;
            }
        }
        if (parts["Nonce"].Length > 128)
        {
            problem = "Nonce超过128位";
            return false;
        }
        authorization = new OpenBodyAuthorization(parts["AppId"], parts["Timestamp"], parts["Nonce"], parts["Signature"]);
        problem = "";
        return true;
    }
}
