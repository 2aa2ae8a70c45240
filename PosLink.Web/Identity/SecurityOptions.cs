namespace PosLink.Web.Identity;

/// <summary>Settings under <c>PosLink:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "PosLink:Security";

    /// <summary>Sign-in attempts one client address may make a minute; more are answered 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Admins must sign in with an authenticator code; until they set one up, their session may only do that.</summary>
    public bool RequireAdminTwoFactor { get; set; }

    /// <summary>A session without a click or a key press for this long is signed out, open tabs included.</summary>
    public int IdleMinutes { get; set; } = 30;

    /// <summary>A session ends this long after its sign-in, however busy it is.</summary>
    public int SessionHours { get; set; } = 12;

    /// <summary>Wrong passwords from one address for one account before that address must wait <see cref="LockoutMinutes"/> (twice as long each time after).</summary>
    public int FailuresPerAddress { get; set; } = 5;

    /// <summary>
    /// Addresses that must fail for one account within <see cref="LockoutMinutes"/> before the account is protected (only
    /// its owner's known devices sign in): a distributed guess, far more than a stranger or three can stage.
    /// </summary>
    public int AddressesToLockAccount { get; set; } = 20;

    /// <summary>An address's first wait, and how long an account stays protected.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// A PFX certificate (with its private key) that encrypts the data-protection key ring at rest: without it a copy of
    /// the database can mint sign-in cookies. Required in Production unless <see cref="AllowUnencryptedKeys"/>.
    /// </summary>
    public string? KeyCertificatePath { get; set; }

    public string? KeyCertificatePassword { get; set; }

    /// <summary>Production without <see cref="KeyCertificatePath"/>: accepted only when said so.</summary>
    public bool AllowUnencryptedKeys { get; set; }

    /// <summary>HSTS for every subdomain too: only when every subdomain of the site's domain serves https.</summary>
    public bool HstsIncludeSubDomains { get; set; }

    public TimeSpan Idle => TimeSpan.FromMinutes(IdleMinutes);
    public TimeSpan Lifetime => TimeSpan.FromHours(SessionHours);
    public TimeSpan Lockout => TimeSpan.FromMinutes(LockoutMinutes);
}
