using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PosLink.Domain.Staff;
using PosLink.Web.Data;
using PosLink.Web.Resources;

namespace PosLink.Web.Identity;

/// <summary>
/// Refuses passwords that are common, or made of the account's own name, instead of demanding digits and
/// symbols (NIST SP 800-63B). Length (12+) is Identity's own rule.
/// </summary>
public sealed class CommonPasswordValidator(IOptions<DemoOptions> demo) : IPasswordValidator<StaffUser>
{
    /// <summary>The demo accounts' password as README publishes it: anyone may try it on any account.</summary>
    private const string PublishedDemoPassword = "PosLink-Demo-2026";

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "123456789123", "111111111111", "000000000000", "123123123123",
        "qwertyuiopas", "qwertyuiop123", "qwerty123456", "1qaz2wsx3edc", "1q2w3e4r5t6y", "zaq12wsxcde3", "asdfghjkl123",
        "password1234", "password12345", "password123456", "passw0rd1234", "p@ssw0rd1234", "p@ssword1234", "password!234",
        "iloveyou1234", "welcome12345", "welcome123456", "letmein12345", "administrator", "admin1234567", "admin123456789",
        "abc123456789", "abcdefghijkl", "abcd12345678", "aaaaaaaaaaaa", "woaini1314520", "woaini123456", "5201314520131",
        "1314520520", "123qweasdzxc", "qweasdzxc123", "zxcvbnm12345", "computer1234", "football1234", "baseball1234",
        "sunshine1234", "princess1234", "dragon123456", "monkey123456", "master123456", "shadow123456", "superman1234",
        "changeme1234", "poslink12345", "poslink123456", "chinaums1234", "chinaums123456",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        var lowered = password.ToLowerInvariant();
        var emailName = user.Email?.Split('@')[0].ToLowerInvariant();
        if (Common.Contains(password) || IsADemoPassword(password, user) || lowered.Distinct().Count() <= 2 ||
            (emailName is { Length: >= 4 } && lowered.Contains(emailName, StringComparison.Ordinal)))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = L.Text("Identity.PasswordTooCommon"),
            }));
        }
        return Task.FromResult(IdentityResult.Success);
    }

    /// <summary>The published or configured demo password, on anything but a demo account (which is made with it).</summary>
    private bool IsADemoPassword(string password, StaffUser user) =>
        user.Email?.EndsWith(DemoAccounts.Domain, StringComparison.OrdinalIgnoreCase) != true &&
        (password.Equals(PublishedDemoPassword, StringComparison.OrdinalIgnoreCase) || (demo.Value.Password is { Length: > 0 } configured && password == configured));
}
