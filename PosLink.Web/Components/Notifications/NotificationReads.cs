using Microsoft.Extensions.Options;
using PosLink.Domain.Notifications;
using PosLink.Domain.Staff;
using PosLink.Web.Components.Shared;
using PosLink.Web.Jobs;

namespace PosLink.Web.Components.Notifications;

/// <summary>
/// A person's notifications for the bell and the page: one read shared by their open tabs (<see cref="SharedReads"/>),
/// with the warning window the expiry job uses, and a rule for which changes can alter them.
/// </summary>
public sealed class NotificationReads(NotificationQueries queries, SharedReads reads, IOptionsMonitor<JobOptions> jobs)
{
    /// <summary>How often the list is read again with no change to prompt it: holds enter the warning window as time passes.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    public Task<NotificationList> ReadAsync(Actor actor, long? showsChangesUpTo) =>
        reads.ReadAsync(("notifications", actor.UserId, SharedReads.Rights(actor)), showsChangesUpTo,
            () => queries.ForAsync(actor, TimeSpan.FromDays(jobs.CurrentValue.ExpiryWarningDays)));

    /// <summary>A hold of a store the person sees, a bulk run, or (for admins) a terminal.</summary>
    public static bool Concerns(Domain.Guarantees.GuaranteeChanged change, Actor actor) =>
        change.BulkRunId is not null ||
        (change.GuaranteeId is not null && actor.CanSee(change.StoreId)) ||
        (change.TerminalId is not null && actor.CanAdminister);
}
