using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using PosLink.Domain.Audit;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Web.Identity;

/// <summary>Sets up and removes authenticator-app (TOTP) sign-in for the signed-in member, each step in a scope of its own.</summary>
public sealed class TwoFactorService(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>Where the member stands; <see cref="SharedKey"/> is null until they ask for a key.</summary>
    public sealed record Setup(bool Enabled, string? SharedKey, string? AuthenticatorUri);

    /// <summary>Reads where the member stands, changing nothing: opening the page (a GET anyone can link to) must not touch the account.</summary>
    public async Task<Setup> GetAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such member of staff.");
        return await SetupOfAsync(users, user);
    }

    /// <summary>
    /// Gives the member an authenticator key when they have none, on their explicit request. The security stamp stays:
    /// Identity's ResetAuthenticatorKeyAsync renews it, which signed the member's other sessions out for a page view.
    /// </summary>
    public async Task<Setup> CreateKeyAsync(Actor actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(actor.UserId) ?? throw new InvalidOperationException("No such member of staff.");
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            var keys = (IUserAuthenticatorKeyStore<StaffUser>)scope.ServiceProvider.GetRequiredService<IUserStore<StaffUser>>();
            await keys.SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), CancellationToken.None);
            var saved = await users.UpdateAsync(user);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException("The authenticator key could not be saved.");
            }
        }
        return await SetupOfAsync(users, user);
    }

    private static async Task<Setup> SetupOfAsync(UserManager<StaffUser> users, StaffUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            return new Setup(user.TwoFactorEnabled, null, null);
        }
        var email = await users.GetEmailAsync(user) ?? user.Id;
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/PosLink:{Uri.EscapeDataString(email)}?secret={key}&issuer=PosLink&digits=6");
        return new Setup(user.TwoFactorEnabled, Group(key), uri);
    }

    /// <summary>Checks a code from the app and turns two-factor sign-in on; returns recovery codes, or null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(Actor actor, string code)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(actor.UserId) ?? throw new InvalidOperationException("No such member of staff.");
        var token = new string(code.Where(char.IsAsciiDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, token))
        {
            return null;
        }
        var db = scope.ServiceProvider.GetRequiredService<PosLinkDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await users.SetTwoFactorEnabledAsync(user, true);
        var recovery = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 8);
        await AuditAsync(db, actor, true);
        await transaction.CommitAsync();
        return recovery?.ToList() ?? [];
    }

    /// <summary>
    /// Turns two-factor sign-in off, which needs proof that it is the member at the keyboard: their current
    /// password, or a code from the app. False (and nothing changed) for a wrong proof.
    /// </summary>
    public async Task<bool> DisableAsync(Actor actor, string proof)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(actor.UserId) ?? throw new InvalidOperationException("No such member of staff.");
        var code = new string((proof ?? "").Where(char.IsAsciiDigit).ToArray());
        var proven = !string.IsNullOrEmpty(proof) &&
                     ((code.Length == 6 && code.Length == proof!.Trim().Length && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)) ||
                      await users.CheckPasswordAsync(user, proof!));
        if (!proven)
        {
            return false;
        }
        var db = scope.ServiceProvider.GetRequiredService<PosLinkDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await AuditAsync(db, actor, false);
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>The change's audit entry, saved inside the change's own transaction: neither is kept without the other.</summary>
    private async Task AuditAsync(PosLinkDbContext db, Actor actor, bool enabled)
    {
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.TwoFactorChange, nameof(StaffUser), actor.UserId, null, new { TwoFactorEnabled = enabled }, time.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    private static string Group(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }
}
