using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PosLink.Domain.Audit;
using PosLink.Domain.Staff;

namespace PosLink.Web.Identity;

/// <summary>How a password sign-in ended, as the sign-in page tells it.</summary>
public enum PasswordSignIn
{
    SignedIn,
    NeedsTwoFactor,

    /// <summary>Unknown account, wrong password, or a locked or disabled account with a wrong password: one answer for all.</summary>
    Refused,

    /// <summary>Too many failures from this address for this account (known or not): wait.</summary>
    AddressLocked,

    /// <summary>The password was right, but the account is locked.</summary>
    AccountLocked,

    /// <summary>The password was right, but the account is disabled.</summary>
    AccountDisabled,
}

/// <summary>
/// Sign-in that says nothing an attacker can use: an unknown account, a wrong password, a locked and a disabled
/// account get the same answer (and the same password-hashing work) until the password was right. Failures are
/// counted per address (<see cref="SignInThrottle"/>), and every attempt on a real account is audited.
/// </summary>
public sealed class StaffSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation,
    SignInThrottle throttle,
    SignInAudit audit,
    IPasswordHasher<StaffUser> hasher,
    IOptionsMonitor<SecurityOptions> security,
    TimeProvider time)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    // Verified against for unknown accounts, so that they take as long to refuse as a wrong password does.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString("N")));

    public override async Task<bool> CanSignInAsync(StaffUser user) => !user.IsDisabled && await base.CanSignInAsync(user);

    public async Task<PasswordSignIn> SignInWithPasswordAsync(string email, string password, bool isPersistent)
    {
        email = email.Trim();
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // A waiting address is not allowed to test passwords at all, for any account.
        if (throttle.IsAddressLocked(email, address))
        {
            return PasswordSignIn.AddressLocked;
        }
        var user = await UserManager.FindByNameAsync(email);
        bool right;
        if (user is null)
        {
            hasher.VerifyHashedPassword(new StaffUser(), DecoyHash.Value, password);
            right = false;
        }
        else
        {
            right = await UserManager.CheckPasswordAsync(user, password);
        }
        if (!right)
        {
            var verdict = throttle.RecordFailure(email, address);
            if (user is not null)
            {
                await audit.RecordAsync(AuditActions.SignInFailed, user, address);
                if (verdict.LockAccount && !await UserManager.IsLockedOutAsync(user))
                {
                    await UserManager.SetLockoutEnabledAsync(user, true);
                    await UserManager.SetLockoutEndDateAsync(user, time.GetUtcNow() + security.CurrentValue.Lockout);
                    await audit.RecordAsync(AuditActions.SignInLockedOut, user, address, new { Reason = SignInAudit.SeveralAddresses });
                }
                else if (verdict.AddressLocked)
                {
                    await audit.RecordAsync(AuditActions.SignInLockedOut, user, address, new { Reason = SignInAudit.ThisAddress });
                }
            }
            return verdict.AddressLocked ? PasswordSignIn.AddressLocked : PasswordSignIn.Refused;
        }

        throttle.Clear(email, address);
        if (await UserManager.IsLockedOutAsync(user!))
        {
            await audit.RecordAsync(AuditActions.SignInFailed, user, address, new { Reason = SignInAudit.Locked });
            return PasswordSignIn.AccountLocked;
        }
        if (!await CanSignInAsync(user!))
        {
            await audit.RecordAsync(AuditActions.SignInFailed, user, address, new { Reason = SignInAudit.Disabled });
            return PasswordSignIn.AccountDisabled;
        }
        var result = await SignInOrTwoFactorAsync(user!, isPersistent);
        if (result.RequiresTwoFactor)
        {
            return PasswordSignIn.NeedsTwoFactor;
        }
        await UserManager.ResetAccessFailedCountAsync(user!);
        await audit.RecordAsync(AuditActions.SignIn, user, address);
        return PasswordSignIn.SignedIn;
    }
}
