using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Guarantees;

/// <summary>One hold of a deposit, in the order they were taken.</summary>
public sealed record DepositHold(long Id, string? MerchantOrderId, GuaranteeStatus Status, long HeldFen, string PayCodeMasked, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, long? RolledOverFromId);

/// <summary>A deposit: the holds one stay or rental has had (each rolled over to the next), and what they did.</summary>
public sealed record DepositView(long Id, IReadOnlyList<DepositHold> Holds, IReadOnlyList<AuditRow> History)
{
    /// <summary>What the deposit holds on the customer's funds now: its held holds (one, after a finished rollover; two while one finishes).</summary>
    public long HeldNowFen => Holds.Where(h => h.Status == GuaranteeStatus.Held).Sum(h => h.HeldFen);
}

public sealed class DepositQueries(IDbContextFactory<PosLinkDbContext> contexts)
{
    /// <summary>A deposit by its first hold's id, for those who see its store; null otherwise.</summary>
    public async Task<DepositView?> DepositAsync(Actor actor, long depositId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var holds = await db.Guarantees.VisibleTo(actor).AsNoTracking().Where(g => g.Id == depositId || g.DepositId == depositId).OrderBy(g => g.Id)
            .Select(g => new DepositHold(g.Id, g.MerchantOrderId, g.Status, g.HeldFen, g.PayCodeMasked, g.CreatedAt, g.ExpiresAt, g.RolledOverFromId))
            .ToListAsync(cancellationToken);
        if (holds.Count == 0 || holds[0].Id != depositId)
        {
            return null;
        }
        var ids = holds.Select(h => h.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.ObjectType == nameof(Guarantee) && ids.Contains(a.ObjectId)).OrderBy(a => a.Id)
            .Select(AuditRow.From).Take(500).ToListAsync(cancellationToken);
        return new DepositView(depositId, holds, history);
    }
}
