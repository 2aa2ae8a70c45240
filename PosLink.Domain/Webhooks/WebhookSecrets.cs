using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PosLink.Domain.Webhooks;

/// <summary>
/// Endpoint secrets: made from 32 random bytes, kept protected by the app's data-protection keys (in the ledger, so
/// every node reads them), read back only to sign a post. Shown to a person once, when the endpoint is registered.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("PosLink.Webhooks.Secret");

    public static string New() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
