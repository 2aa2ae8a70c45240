namespace PosLink.Web.Identity;

/// <summary>Settings under <c>PosLink:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "PosLink:Security";

    /// <summary>Sign-in attempts one client address may make a minute; more are answered 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Admins must sign in with an authenticator code; until they set one up, admin pages send them to do it.</summary>
    public bool RequireAdminTwoFactor { get; set; }
}
