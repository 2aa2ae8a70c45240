using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Guarantees.Bulk;

/// <summary>A bulk run as its page shows it: how far it got, and each hold with where it stands now.</summary>
public sealed record BulkRunView(long Id, BulkKind Kind, string? Reason, string CreatedByName, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, IReadOnlyList<BulkItemRow> Items)
{
    public int Count(BulkItemState state) => Items.Count(i => i.State == state);

    /// <summary>Queued or being sent: what the run still has to do.</summary>
    public int Left => Items.Count(i => i.State is BulkItemState.Queued or BulkItemState.Sending);

    public long TotalFen => Items.Sum(i => i.AmountFen);

    /// <summary>What the approved requests moved: captured by completions, released by voids.</summary>
    public long DoneFen => Items.Where(i => i.State == BulkItemState.Done).Sum(i => i.AmountFen);
}

/// <summary>One hold of a run: its request's state and, beside it, the hold's status now (a waiting item settles there).</summary>
public sealed record BulkItemRow(long GuaranteeId, string MerchantOrderId, string StoreName, long AmountFen, BulkItemState State, string? Problem, GuaranteeStatus HoldStatus, DateTimeOffset? FinishedAt);

/// <summary>A run in a list of runs.</summary>
public sealed record BulkRunRow(long Id, BulkKind Kind, string CreatedByName, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, int Count, int Handled, long TotalFen);

public sealed class BulkQueries(IDbContextFactory<PosLinkDbContext> contexts)
{
    /// <summary>
    /// A run, for the person who started it and for those who see every store; its items limited to the stores the
    /// actor sees. Anyone else is told it does not exist.
    /// </summary>
    public async Task<BulkRunView?> RunAsync(Actor actor, long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.BulkRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null || !(run.CreatedByUserId == actor.UserId || actor.SeesAllStores))
        {
            return null;
        }
        var items = await (
            from i in db.BulkItems.Where(i => i.BulkRunId == runId)
            join g in db.Guarantees on i.GuaranteeId equals g.Id
            join s in db.Stores on i.StoreId equals s.Id
            orderby i.Id
            select new { Item = i, s.Name, g.Status }).AsNoTracking().ToListAsync(cancellationToken);
        var rows = items.Where(x => actor.CanSee(x.Item.StoreId))
            .Select(x => new BulkItemRow(x.Item.GuaranteeId, x.Item.MerchantOrderId, x.Name, x.Item.AmountFen, x.Item.State, x.Item.Problem, x.Status, x.Item.FinishedAt))
            .ToList();
        return new BulkRunView(run.Id, run.Kind, run.Reason, run.CreatedByName, run.CreatedAt, run.FinishedAt, rows);
    }

    /// <summary>The actor's recent runs (admins and finance: everyone's), newest first.</summary>
    public async Task<IReadOnlyList<BulkRunRow>> RecentAsync(Actor actor, int limit = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.BulkRuns.AsNoTracking();
        if (!actor.SeesAllStores)
        {
            runs = runs.Where(r => r.CreatedByUserId == actor.UserId);
        }
        return await runs.OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, 100))
            .Select(r => new BulkRunRow(r.Id, r.Kind, r.CreatedByName, r.CreatedAt, r.FinishedAt, r.Items.Count,
                r.Items.Count(i => i.State != BulkItemState.Queued && i.State != BulkItemState.Sending), r.Items.Sum(i => i.AmountFen)))
            .ToListAsync(cancellationToken);
    }
}
