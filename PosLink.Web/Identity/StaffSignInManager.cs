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
/// counted per address (<see cref="SignInThrottle"/>), and every attempt is audited (one on an account that does not exist too, without the name typed: the same work before either answer).
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
    DeviceCookies devices,
    SignInAudit audit,
    IPasswordHasher<StaffUser> hasher)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    // Verified against for unknown accounts, so that they take as long to refuse as a wrong password does.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), Guid.NewGuid().ToString("N")));

    public override async Task<bool> CanSignInAsync(StaffUser user) => !user.IsDisabled && await base.CanSignInAsync(user);

    /// <summary>After <see cref="PasswordSignIn.AddressLocked"/>: how long the address must still wait.</summary>
    public TimeSpan AddressWait { get; private set; }

    public async Task<PasswordSignIn> SignInWithPasswordAsync(string email, string password, bool isPersistent)
    {
        email = email.Trim();
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var user = await UserManager.FindByNameAsync(email);
        // The owner's known device is not held back by what strangers did, unless it has failed too often itself.
        var device = user is null ? null : devices.Read(Context.Request, user.Id);
        if (device is not null && throttle.IsDeviceSpent(device))
        {
            device = null;
        }
        // A waiting address is not allowed to test passwords at all, for any account.
        if (device is null && throttle.AddressWait(email, address) is { } wait && wait > TimeSpan.Zero)
        {
            AddressWait = wait;
            return PasswordSignIn.AddressLocked;
        }
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
            var verdict = throttle.RecordFailure(email, address, device);
            // The same write for an account that does not exist (without the name typed, which may be a password):
            // both answers then cost the same, and admins see guesses at names too.
            await audit.RecordAsync(AuditActions.SignInFailed, user, address);
            if (verdict.AccountProtected && user is not null)
            {
                await audit.RecordAsync(AuditActions.SignInLockedOut, user, address, new { Reason = SignInAudit.SeveralAddresses });
            }
            else if (verdict.AddressWait > TimeSpan.Zero && device is null)
            {
                await audit.RecordAsync(AuditActions.SignInLockedOut, user, address, new { Reason = SignInAudit.ThisAddress });
            }
            AddressWait = verdict.AddressWait;
            return verdict.AddressWait > TimeSpan.Zero && device is null ? PasswordSignIn.AddressLocked : PasswordSignIn.Refused;
        }

        throttle.Clear(email, address);
        // Under a distributed guess only the owner's known devices get in; anyone else with the password waits it out.
        if (device is null && throttle.IsProtected(email))
        {
            await audit.RecordAsync(AuditActions.SignInFailed, user, address, new { Reason = SignInAudit.Protected });
            return PasswordSignIn.AccountLocked;
        }
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
        devices.Issue(Context, user!.Id);
        var result = await SignInOrTwoFactorAsync(user, isPersistent);
        if (result.RequiresTwoFactor)
        {
            return PasswordSignIn.NeedsTwoFactor;
        }
        await UserManager.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(AuditActions.SignIn, user, address);
        return PasswordSignIn.SignedIn;
    }
}
