using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Guarantees.Approvals;
using PosLink.Domain.Guarantees.Bulk;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;

namespace PosLink.Domain.Notifications;

/// <summary>
/// A person's notifications, derived each time from the ledger: the held holds of the stores they act in that expire
/// within the warning window (and again within a day), holds needing attention, requests waiting for their approval, their own bulk runs (working, and
/// finished until seen), open reconciliation differences for those who reconcile, failing terminal activations
/// for admins. Nothing is stored, so nothing can go stale: resolving the hold, the difference or the terminal is
/// what clears it.
/// </summary>
public sealed class NotificationQueries(IDbContextFactory<PosLinkDbContext> contexts, TimeProvider time)
{
    /// <summary>How many of each kind are listed; the count covers them all.</summary>
    public const int PerKind = 20;

    public static readonly TimeSpan WithinDay = TimeSpan.FromHours(24);

    public async Task<NotificationList> ForAsync(Actor actor, TimeSpan warningWindow, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var items = new List<Notification>();
        var count = 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        if (actor.IsAdmin || actor.IsStoreManager)
        {
            var mine = ActsIn(db.Guarantees.AsNoTracking(), actor);
            var (dayEnd, windowEnd) = (now + WithinDay, now + (warningWindow > WithinDay ? warningWindow : WithinDay));
            var held = mine.Where(g => g.Status == GuaranteeStatus.Held);
            count += await AddAsync(items, held.Where(g => g.ExpiresAt <= dayEnd).OrderBy(g => g.ExpiresAt),
                g => new Notification(NotificationKind.HoldExpiresWithinDay, g.Id, g.MerchantOrderId ?? "", g.HeldFen, g.ExpiresAt), cancellationToken);
            count += await AddAsync(items, held.Where(g => g.ExpiresAt > dayEnd && g.ExpiresAt <= windowEnd).OrderBy(g => g.ExpiresAt),
                g => new Notification(NotificationKind.HoldExpiresSoon, g.Id, g.MerchantOrderId ?? "", g.HeldFen, g.ExpiresAt), cancellationToken);
            count += await AddAsync(items, mine.Where(g => g.NeedsAttention).OrderBy(g => g.UpdatedAt),
                g => new Notification(NotificationKind.HoldNeedsAttention, g.Id, g.MerchantOrderId ?? "", g.HeldFen, g.UpdatedAt), cancellationToken);
            count += await AddAsync(items, ApprovalQueries.DecidableBy(db.ApprovalRequests.AsNoTracking(), actor, now)
                    .Join(db.Guarantees.Where(g => g.Status == GuaranteeStatus.Held), r => r.GuaranteeId, g => g.Id, (r, g) => new { r.Id, r.RequestedAt, r.AmountFen, Name = g.MerchantOrderId ?? g.OrderId ?? "" })
                    .OrderBy(r => r.RequestedAt),
                r => new Notification(NotificationKind.ApprovalWaiting, r.Id, r.Name, r.AmountFen, r.RequestedAt), cancellationToken);
        }

        var runs = db.BulkRuns.AsNoTracking().Where(r => r.CreatedByUserId == actor.UserId);
        count += await AddAsync(items, runs.Where(r => r.FinishedAt == null).OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.CreatedAt, Of = r.Items.Count, Done = r.Items.Count(i => i.State != BulkItemState.Queued && i.State != BulkItemState.Sending), Fen = r.Items.Sum(i => i.AmountFen) }),
            r => new Notification(NotificationKind.BulkRunWorking, r.Id, "#" + r.Id, r.Fen, r.CreatedAt, r.Done, r.Of), cancellationToken);
        count += await AddAsync(items, runs.Where(r => r.FinishedAt != null && r.SeenAt == null).OrderByDescending(r => r.FinishedAt)
                .Select(r => new { r.Id, r.FinishedAt, Of = r.Items.Count, Done = r.Items.Count(i => i.State == BulkItemState.Done), Fen = r.Items.Sum(i => i.AmountFen) }),
            r => new Notification(NotificationKind.BulkRunFinished, r.Id, "#" + r.Id, r.Fen, r.FinishedAt!.Value, r.Done, r.Of), cancellationToken);

        if (actor.CanReconcile)
        {
            count += await AddAsync(items, db.SettlementDifferences.AsNoTracking().Where(d => d.State == DifferenceState.Open).OrderBy(d => d.FoundAt),
                d => new Notification(NotificationKind.DifferenceOpen, d.Id, d.OrderId ?? d.Key, d.OurFen ?? d.TheirFen, d.FoundAt), cancellationToken);
        }
        if (actor.CanAdminister)
        {
            count += await AddAsync(items, db.Terminals.AsNoTracking().Where(t => t.IsEnabled && t.Activation == ActivationState.Failed).OrderBy(t => t.Id),
                t => new Notification(NotificationKind.TerminalActivationFailed, t.Id, t.TerminalCode, null, t.LastActivationAttemptAt ?? now), cancellationToken);
        }
        return new NotificationList(items, count);
    }

    /// <summary>The holds of the stores the actor acts in (admins: every store). Finance acts in none.</summary>
    private static IQueryable<Guarantee> ActsIn(IQueryable<Guarantee> holds, Actor actor)
    {
        if (actor.IsAdmin)
        {
            return holds;
        }
        var stores = actor.StoreIds.ToList();
        return holds.Where(g => stores.Contains(g.StoreId));
    }

    /// <summary>Lists the first <see cref="PerKind"/> of a kind and counts them all.</summary>
    private static async Task<int> AddAsync<T>(List<Notification> items, IQueryable<T> query, Func<T, Notification> notification, CancellationToken cancellationToken)
    {
        var first = await query.Take(PerKind + 1).ToListAsync(cancellationToken);
        items.AddRange(first.Take(PerKind).Select(notification));
        return first.Count <= PerKind ? first.Count : await query.CountAsync(cancellationToken);
    }
}
