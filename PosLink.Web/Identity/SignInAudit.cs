using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Web.Identity;

/// <summary>Writes sign-ins to the audit trail: successes, failures (for an account that exists) and lockouts, with the client's address.</summary>
public sealed class SignInAudit(IDbContextFactory<PosLinkDbContext> contexts, TimeProvider time, SignInMetrics metrics)
{
    /// <summary>An attempt on an account that does not exist: recorded without the typed name, which may be a mistyped password.</summary>
    public const string UnknownAccount = "unknown";

    // Why an attempt failed or locked, as stored (the audit page says them in the reader's language).
    public const string SeveralAddresses = AuditActions.SeveralAddresses;
    public const string ThisAddress = "this-address";
    public const string Locked = "locked";
    public const string Protected = "protected";
    public const string Disabled = "disabled";

    public async Task RecordAsync(string action, StaffUser? user, string? address, object? detail = null)
    {
        metrics.Recorded(action);
        await using var db = await contexts.CreateDbContextAsync();
        var who = user is null ? Actor.For("anonymous", "—", [], [], address) : Actor.For(user.Id, Name(user), [], [], address);
        db.AuditEntries.Add(AuditTrail.Entry(who, action, nameof(StaffUser), user?.Id ?? UnknownAccount, null, detail, time.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    private static string Name(StaffUser user) => string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName;
}
