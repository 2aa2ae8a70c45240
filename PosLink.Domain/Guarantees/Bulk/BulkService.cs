using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Guarantees.Bulk;

/// <summary>
/// Completes or voids many held holds at once. What a page sends is only a list of ids: the server keeps the held
/// holds among them that the actor may act on and leaves the rest out, whatever the request says. The run is
/// recorded whole, then runs in the background (<see cref="BulkRunner"/>) through each hold's own command.
/// </summary>
public sealed class BulkService(
    IDbContextFactory<PosLinkDbContext> contexts,
    GuaranteeQueries queries,
    IBulkQueue queue,
    IGuaranteeChanges changes,
    IOptionsMonitor<GuaranteeOptions> options,
    TimeProvider time)
{
    /// <summary>How many holds one run may hold (<c>PosLink:Guarantees:BulkLimit</c>).</summary>
    public int Limit => options.CurrentValue.BulkLimit;

    /// <summary>What the selection comes to: the confirmation shows this count and total, not the page's.</summary>
    public async Task<Result<BulkSelection>> PreviewAsync(Actor actor, IReadOnlyCollection<long> guaranteeIds, CancellationToken cancellationToken = default)
    {
        if (Check(actor, guaranteeIds) is { } problem)
        {
            return problem;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var holds = await EligibleAsync(db, actor, guaranteeIds, cancellationToken);
        return holds.Count == 0 ? BulkProblems.NoneHeld : Selection(holds, guaranteeIds);
    }

    /// <summary>"Select all that match": the held holds the filter finds that the actor may act on, up to <see cref="Limit"/>.</summary>
    public async Task<BulkMatches> MatchingAsync(Actor actor, GuaranteeFilter filter, GuaranteeSort sort, CancellationToken cancellationToken = default)
    {
        var held = filter with { Statuses = [GuaranteeStatus.Held] };
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await queries.ListAsync(actor, held, sort, GuaranteeQueries.MaxPageSize, cursor, cancellationToken);
            ids.AddRange(page.Rows.Where(r => actor.CanActIn(r.StoreId)).Select(r => r.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null && ids.Count <= Limit);
        return new BulkMatches(ids.Take(Limit).ToList(), ids.Count > Limit);
    }

    /// <summary>Records the run and queues it. Nothing is sent here; the runner sends, one request per hold.</summary>
    public async Task<Result<BulkSelection>> StartAsync(Actor actor, BulkKind kind, IReadOnlyCollection<long> guaranteeIds, string? reason, CancellationToken cancellationToken = default)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if ((Check(actor, guaranteeIds) ?? (kind == BulkKind.Void ? GuaranteeService.CheckVoidReason(reason) : null)) is { } problem)
        {
            return problem;
        }
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var holds = await EligibleAsync(db, actor, guaranteeIds, cancellationToken);
        if (holds.Count == 0)
        {
            return BulkProblems.NoneHeld;
        }
        var run = BulkRun.Start(kind, kind == BulkKind.Void ? reason : null, actor, holds, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.BulkRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        var selection = Selection(holds, guaranteeIds);
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.BulkStart, nameof(BulkRun), run.Id, null,
            new { run.Kind, selection.Count, selection.TotalFen, selection.LeftOut, run.Reason }, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        queue.Enqueue(run.Id);
        changes.Publish(new GuaranteeChanged(null, 0, null, BulkRunId: run.Id));
        return selection with { RunId = run.Id };
    }

    /// <summary>The person who started a finished run has seen how it ended: its notification goes, on every open page.</summary>
    public async Task MarkSeenAsync(Actor actor, long runId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.BulkRuns.Where(r => r.Id == runId && r.CreatedByUserId == actor.UserId && r.FinishedAt != null && r.SeenAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.SeenAt, now), cancellationToken) == 1)
        {
            changes.Publish(new GuaranteeChanged(null, 0, null, BulkRunId: runId));
        }
    }

    private Problem? Check(Actor actor, IReadOnlyCollection<long> guaranteeIds)
    {
        if (!actor.IsAdmin && !actor.IsStoreManager)
        {
            return GuaranteeProblems.FinanceCannotAct;
        }
        var count = guaranteeIds.Distinct().Count();
        return count == 0 ? BulkProblems.NothingSelected : count > Limit ? BulkProblems.TooMany(Limit, count) : null;
    }

    /// <summary>The held holds among the ids in the actor's stores: the same whether an id is another store's or no hold at all.</summary>
    private static async Task<List<Guarantee>> EligibleAsync(PosLinkDbContext db, Actor actor, IReadOnlyCollection<long> guaranteeIds, CancellationToken cancellationToken)
    {
        var ids = guaranteeIds.Distinct().ToList();
        var held = db.Guarantees.AsNoTracking().Where(g => ids.Contains(g.Id) && g.Status == GuaranteeStatus.Held);
        if (!actor.IsAdmin)
        {
            var stores = actor.StoreIds.ToList();
            held = held.Where(g => stores.Contains(g.StoreId));
        }
        return await held.OrderBy(g => g.Id).ToListAsync(cancellationToken);
    }

    private static BulkSelection Selection(List<Guarantee> holds, IReadOnlyCollection<long> asked) =>
        new(holds.Select(h => h.Id).ToList(), holds.Sum(h => h.HeldFen), asked.Distinct().Count() - holds.Count);
}
