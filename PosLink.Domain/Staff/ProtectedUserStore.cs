using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Persistence;

namespace PosLink.Domain.Staff;

/// <summary>
/// Identity's store, with the secrets it keeps as user tokens (the authenticator key, the recovery codes) protected by
/// the data-protection keys before they reach the database: a copy of the database is then no second factor (the key
/// ring itself is encrypted at rest with a certificate in Production). A value written before this store is read as it
/// is and protected by <see cref="ProtectStoredSecretsAsync"/> at start.
/// </summary>
public sealed class ProtectedUserStore(PosLinkDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<StaffUser, IdentityRole, PosLinkDbContext>(context, describer)
{
    /// <summary>Where Identity keeps its own tokens (the authenticator key, the recovery codes).</summary>
    private const string IdentityTokens = "[AspNetUserStore]";

    /// <summary>Marks a protected value, so that one written before protection is still read.</summary>
    private const string Prefix = "dp1:";

    private readonly IDataProtector _protector = Protector(protection);

    public override Task SetTokenAsync(StaffUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken) =>
        base.SetTokenAsync(user, loginProvider, name, loginProvider == IdentityTokens && value is not null ? Protect(_protector, value) : value, cancellationToken);

    public override async Task<string?> GetTokenAsync(StaffUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;
    }

    /// <summary>Protects every Identity secret still stored as written before this store: run once at start.</summary>
    public static async Task<int> ProtectStoredSecretsAsync(PosLinkDbContext db, IDataProtectionProvider protection, CancellationToken cancellationToken = default)
    {
        var protector = Protector(protection);
        var plain = await db.UserTokens.Where(t => t.LoginProvider == IdentityTokens && t.Value != null && !t.Value.StartsWith(Prefix)).ToListAsync(cancellationToken);
        foreach (var token in plain)
        {
            token.Value = Protect(protector, token.Value!);
        }
        await db.SaveChangesAsync(cancellationToken);
        return plain.Count;
    }

    private static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector("PosLink.Staff.IdentityTokens");

    private static string Protect(IDataProtector protector, string value) => Prefix + protector.Protect(value);
}
