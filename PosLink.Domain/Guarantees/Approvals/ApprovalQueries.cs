using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Guarantees.Approvals;

/// <summary>
/// A request as the approvals list and a hold's page show it: what is asked, by whom, until when, how it ended, and
/// whether the reader may decide it (<see cref="MayDecide"/>) or take it back (<see cref="IsMine"/>).
/// </summary>
public sealed record ApprovalRow(long Id, long GuaranteeId, string HoldName, string StoreName, ApprovalKind Kind, long AmountFen, long HeldFen, string? Reason,
    string MakerName, DateTimeOffset RequestedAt, DateTimeOffset ExpiresAt, ApprovalState State, string? DecidedByName, DateTimeOffset? DecidedAt,
    string? RejectionReason, bool MayDecide, bool IsMine);

/// <summary>The requests waiting for the reader and the ones decided lately, in the stores the reader may see.</summary>
public sealed record ApprovalList(IReadOnlyList<ApprovalRow> Pending, IReadOnlyList<ApprovalRow> Recent);

/// <summary>Requests for a second person's approval, read for an actor: another store's are never seen.</summary>
public sealed class ApprovalQueries(IDbContextFactory<PosLinkDbContext> contexts, TimeProvider time)
{
    /// <summary>How far back the list shows decided requests (the audit trail keeps them all).</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(7);

    public const int RecentLimit = 50;

    /// <summary>Pending requests (oldest first), then those decided or lapsed within <see cref="RecentWindow"/> (newest first).</summary>
    public async Task<ApprovalList> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var since = now - RecentWindow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visible = Visible(db, actor);
        var pending = await Rows(visible.Where(r => r.State == ApprovalState.Pending && r.ExpiresAt > now).OrderBy(r => r.RequestedAt), db)
            .ToListAsync(cancellationToken);
        var recent = await Rows(visible.Where(r => (r.State != ApprovalState.Pending && r.DecidedAt >= since) || (r.State == ApprovalState.Pending && r.ExpiresAt <= now && r.ExpiresAt >= since))
            .OrderByDescending(r => r.RequestedAt).Take(RecentLimit), db).ToListAsync(cancellationToken);
        return new ApprovalList(pending.Select(r => Finish(r, actor, now)).ToList(), recent.Select(r => Finish(r, actor, now)).ToList());
    }

    /// <summary>The request holding a hold now, if any and the reader may see the hold.</summary>
    public async Task<ApprovalRow?> OpenForHoldAsync(Actor actor, long guaranteeId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await Rows(Visible(db, actor).Where(r => r.GuaranteeId == guaranteeId && r.State == ApprovalState.Pending && r.ExpiresAt > now), db)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Finish(row, actor, now);
    }

    /// <summary>How many open requests the actor may decide: the dashboard's card and the menu's badge.</summary>
    public async Task<int> WaitingForAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DecidableBy(db.ApprovalRequests.AsNoTracking(), actor, now)
            .CountAsync(r => db.Guarantees.Any(g => g.Id == r.GuaranteeId && g.Status == GuaranteeStatus.Held), cancellationToken);
    }

    /// <summary>The open requests <paramref name="actor"/> may decide: in the stores they act in, made by someone else.</summary>
    public static IQueryable<ApprovalRequest> DecidableBy(IQueryable<ApprovalRequest> requests, Actor actor, DateTimeOffset now)
    {
        var open = requests.Where(r => r.State == ApprovalState.Pending && r.ExpiresAt > now && r.MakerUserId != actor.UserId);
        if (actor.IsAdmin)
        {
            return open;
        }
        if (!actor.IsStoreManager)
        {
            return open.Where(_ => false);
        }
        var stores = actor.StoreIds.ToList();
        return open.Where(r => stores.Contains(r.StoreId));
    }

    private static IQueryable<ApprovalRequest> Visible(PosLinkDbContext db, Actor actor)
    {
        var holds = db.Guarantees.AsNoTracking().VisibleTo(actor).Select(g => g.Id);
        return db.ApprovalRequests.AsNoTracking().Where(r => holds.Contains(r.GuaranteeId));
    }

    private static IQueryable<Projected> Rows(IQueryable<ApprovalRequest> requests, PosLinkDbContext db) =>
        from r in requests
        join g in db.Guarantees on r.GuaranteeId equals g.Id
        join s in db.Stores on r.StoreId equals s.Id
        select new Projected(r, g.MerchantOrderId ?? g.OrderId, g.HeldFen, g.Status, s.Name);

    private static ApprovalRow Finish(Projected p, Actor actor, DateTimeOffset now)
    {
        var (r, state) = (p.Request, p.Request.StateAt(now));
        // A pending request whose hold stopped being held (expired, settled elsewhere) can never be carried out.
        if (state == ApprovalState.Pending && p.Status != GuaranteeStatus.Held)
        {
            state = ApprovalState.Expired;
        }
        var open = state == ApprovalState.Pending;
        return new ApprovalRow(r.Id, r.GuaranteeId, p.HoldName ?? "#" + r.GuaranteeId, p.StoreName, r.Kind, r.AmountFen, p.HeldFen, r.Reason, r.MakerName,
            r.RequestedAt, r.ExpiresAt, state, r.DecidedByName, r.DecidedAt, r.RejectionReason, open && r.MayBeDecidedBy(actor), open && r.MakerUserId == actor.UserId);
    }

    private sealed record Projected(ApprovalRequest Request, string? HoldName, long HeldFen, GuaranteeStatus Status, string StoreName);
}
