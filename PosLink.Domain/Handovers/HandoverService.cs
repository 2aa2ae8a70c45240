using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;

namespace PosLink.Domain.Handovers;

/// <summary>
/// The shift handover (交班): the report of a store's shift, worked out from the holds themselves, and the handover
/// from the outgoing manager to an incoming one, recorded and audited. Managers report on and hand over their own
/// stores; finance and admins read every store's handovers.
/// </summary>
public sealed class HandoverService(IDbContextFactory<PosLinkDbContext> contexts, TimeProvider time)
{
    /// <summary>The longest shift a report covers: a bound on the work one request can ask for.</summary>
    public static readonly TimeSpan MaxShift = TimeSpan.FromDays(31);

    /// <summary>
    /// The report for a store's shift: from <paramref name="from"/> (default: the end of the store's last handover,
    /// or the start of today in China time) to <paramref name="to"/> (default: now).
    /// </summary>
    public async Task<Result<HandoverReport>> ReportAsync(Actor actor, int storeId, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default)
    {
        if (!actor.CanSee(storeId))
        {
            return HandoverProblems.StoreNotFound;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var store = await db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId, cancellationToken);
        if (store is null)
        {
            return HandoverProblems.StoreNotFound;
        }
        var end = to ?? time.GetUtcNow();
        var previous = await db.Handovers.AsNoTracking().Where(h => h.StoreId == storeId && h.To <= end).OrderByDescending(h => h.To).ThenByDescending(h => h.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var start = from ?? previous?.To ?? ChinaTime.StartOf(ChinaTime.TradeDate(end));
        if (start >= end)
        {
            return HandoverProblems.EmptyShift(start, end);
        }
        if (end - start > MaxShift)
        {
            return HandoverProblems.ShiftTooLong((int)MaxShift.TotalDays);
        }
        if (from is not null && previous is not null && previous.To > start)
        {
            // A chosen range compares with the handover before it, not one inside it.
            previous = await db.Handovers.AsNoTracking().Where(h => h.StoreId == storeId && h.To <= start).OrderByDescending(h => h.To).ThenByDescending(h => h.Id)
                .FirstOrDefaultAsync(cancellationToken);
        }

        // Every hold alive at some moment of the shift: taken before its end, not finished before its start.
        var holds = await db.Guarantees.AsNoTracking()
            .Where(g => g.StoreId == storeId && g.CreatedAt < end && (g.FinalizedAt == null || g.FinalizedAt >= start))
            .Select(g => new ShiftHold(g.Id, g.Status, g.HeldFen, g.CompletedFen, g.MerchantDiscountFen, g.OtherDiscountFen, g.CreatedAt, g.CreatedByUserId, g.CreatedByName,
                g.FinalizedAt, g.FinalizedByUserId, g.FinalizedByName, g.ExpiresAt, g.NeedsAttention))
            .ToListAsync(cancellationToken);
        return new HandoverReport(store.Id, store.Name, start, end, Shifts(holds, start, end), previous);
    }

    /// <summary>Hands the shift over to <paramref name="incomingUserId"/>, a manager of the store other than the actor.</summary>
    public async Task<Result<Handover>> HandOverAsync(Actor actor, int storeId, DateTimeOffset? from, DateTimeOffset? to, string incomingUserId, CancellationToken cancellationToken = default)
    {
        if (!actor.CanActIn(storeId))
        {
            return actor.CanSee(storeId) ? GuaranteeProblems.FinanceCannotAct : HandoverProblems.StoreNotFound;
        }
        var report = await ReportAsync(actor, storeId, from, to, cancellationToken);
        if (!report.Succeeded)
        {
            return report.Problem;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incoming = await db.Users.AsNoTracking().Include(u => u.Stores).SingleOrDefaultAsync(u => u.Id == incomingUserId, cancellationToken);
        if (incoming is null || incoming.IsDisabled || incoming.Id == actor.UserId || incoming.Stores.All(s => s.StoreId != storeId))
        {
            return HandoverProblems.IncomingNotAManager;
        }
        var now = time.GetUtcNow();
        var total = report.Value.Total;
        var name = string.IsNullOrEmpty(incoming.DisplayName) ? incoming.Email ?? incoming.Id : incoming.DisplayName;
        var handover = Handover.Record(storeId, report.Value.From, report.Value.To, actor, incoming.Id, name, total.Open, total.OpenFen, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Handovers.Add(handover);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.Handover, nameof(Handover), handover.Id, null,
            new { handover.StoreId, handover.From, handover.To, Incoming = name, total.Taken, total.Completed, total.CompletedFen, total.Voided, total.Open, total.OpenFen }, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return handover;
    }

    /// <summary>Handovers, newest first: a manager's stores', or every store's for finance and admins.</summary>
    public async Task<IReadOnlyList<HandoverRow>> ListAsync(Actor actor, int limit = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var handovers = db.Handovers.AsNoTracking();
        if (!actor.SeesAllStores)
        {
            var stores = actor.IsStoreManager ? actor.StoreIds.ToList() : [];
            handovers = handovers.Where(h => stores.Contains(h.StoreId));
        }
        return await (from h in handovers
                      join s in db.Stores on h.StoreId equals s.Id
                      orderby h.To descending, h.Id descending
                      select new HandoverRow(h.Id, h.StoreId, s.Name, h.From, h.To, h.OutgoingName, h.IncomingName, h.OpenCount, h.OpenFen))
            .Take(Math.Clamp(limit, 1, 200)).ToListAsync(cancellationToken);
    }

    /// <summary>Who can take over a store's shift from the actor: its other enabled managers.</summary>
    public async Task<IReadOnlyList<(string UserId, string Name)>> IncomingCandidatesAsync(Actor actor, int storeId, CancellationToken cancellationToken = default)
    {
        if (!actor.CanActIn(storeId))
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.Id != actor.UserId && u.Stores.Any(s => s.StoreId == storeId))
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        return users.Select(u => (u.Id, string.IsNullOrEmpty(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName)).OrderBy(u => u.Item2, StringComparer.Ordinal).ToList();
    }

    /// <summary>A recorded handover, for those who see its store.</summary>
    public async Task<Handover?> FindAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var handover = await db.Handovers.AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        return handover is not null && actor.CanSee(handover.StoreId) ? handover : null;
    }

    private sealed record ShiftHold(long Id, GuaranteeStatus Status, long HeldFen, long? CompletedFen, long MerchantDiscountFen, long OtherDiscountFen,
        DateTimeOffset CreatedAt, string TakenById, string TakenBy, DateTimeOffset? FinalizedAt, string? FinalizedById, string? FinalizedBy, DateTimeOffset ExpiresAt, bool NeedsAttention);

    private static List<OperatorShift> Shifts(List<ShiftHold> holds, DateTimeOffset start, DateTimeOffset end)
    {
        bool InShift(DateTimeOffset? at) => at is { } t && t >= start && t < end;
        // Taken: what was held (a declined or failed take held nothing).
        var taken = holds.Where(h => InShift(h.CreatedAt) && h.Status is not (GuaranteeStatus.Declined or GuaranteeStatus.Failed)).ToList();
        var completed = holds.Where(h => h.Status == GuaranteeStatus.Completed && InShift(h.FinalizedAt)).ToList();
        var voided = holds.Where(h => h.Status == GuaranteeStatus.Voided && InShift(h.FinalizedAt)).ToList();
        // Open at the end: taken before it, not declined or failed, not finished before it, not lapsed before it.
        var open = holds.Where(h => h.CreatedAt < end && h.Status is not (GuaranteeStatus.Declined or GuaranteeStatus.Failed)
                                    && (h.FinalizedAt is null || h.FinalizedAt >= end) && !(h.Status == GuaranteeStatus.Expired && h.ExpiresAt < end)).ToList();

        var people = taken.Select(h => (h.TakenById, h.TakenBy))
            .Concat(completed.Concat(voided).Select(h => (h.FinalizedById ?? "", h.FinalizedBy ?? "")))
            .Concat(open.Select(h => (h.TakenById, h.TakenBy)))
            .DistinctBy(p => p.Item1).OrderBy(p => p.Item2, StringComparer.Ordinal).ToList();
        return people.Select(p =>
        {
            var mineOpen = open.Where(h => h.TakenById == p.Item1).ToList();
            var mineCompleted = completed.Where(h => h.FinalizedById == p.Item1).ToList();
            var mineVoided = voided.Where(h => h.FinalizedById == p.Item1).ToList();
            var mineTaken = taken.Where(h => h.TakenById == p.Item1).ToList();
            return new OperatorShift(p.Item1, p.Item2,
                mineTaken.Count, mineTaken.Sum(h => h.HeldFen),
                mineCompleted.Count, mineCompleted.Sum(h => HoldFigures.Of(h.Status, h.HeldFen, h.CompletedFen, h.MerchantDiscountFen, h.OtherDiscountFen).CompletedFen ?? 0),
                mineVoided.Count, mineVoided.Sum(h => h.HeldFen),
                mineOpen.Count, mineOpen.Sum(h => h.HeldFen), mineOpen.Count == 0 ? null : mineOpen.Min(h => h.CreatedAt),
                mineOpen.Count(h => h.NeedsAttention));
        }).ToList();
    }
}
