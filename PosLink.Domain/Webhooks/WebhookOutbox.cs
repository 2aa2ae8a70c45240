using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Finance;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;

namespace PosLink.Domain.Webhooks;

/// <summary>
/// Turns saved changes into outbox rows, in the same transaction as the changes: a hold that became held, completed,
/// voided or expired, a hold newly needing attention, a new reconciliation difference. Every path that changes a hold
/// saves it through the ledger's context, so none can forget to tell; and a crash after the commit loses nothing, since
/// the rows were committed with the change. Rows are written only for the enabled endpoints of the merchant concerned.
/// </summary>
public static class WebhookOutbox
{
    /// <summary>Raised after a commit that wrote outbox rows, so this node posts them now rather than at the next sweep.</summary>
    public static event Action? Written;

    /// <summary>What a save is about to change that a merchant hears of; read before saving, while original values are known.</summary>
    public sealed record Pending(IReadOnlyList<(Guarantee Hold, string Type)> Holds, IReadOnlyList<SettlementDifference> Differences)
    {
        public bool IsEmpty => Holds.Count == 0 && Differences.Count == 0;
    }

    public static Pending Capture(PosLinkDbContext db)
    {
        var holds = new List<(Guarantee, string)>();
        foreach (var entry in db.ChangeTracker.Entries<Guarantee>())
        {
            var hold = entry.Entity;
            if (entry.State == EntityState.Added)
            {
                // An imported hold arrives settled: held (or already finalized) from its first save.
                if (WebhookEvents.ForStatus(hold.Status) is { } type)
                {
                    holds.Add((hold, type));
                }
                continue;
            }
            if (entry.State != EntityState.Modified)
            {
                continue;
            }
            var status = entry.Property(g => g.Status);
            if (status.IsModified && !Equals(status.OriginalValue, status.CurrentValue) && WebhookEvents.ForStatus(hold.Status) is { } moved)
            {
                holds.Add((hold, moved));
            }
            var attention = entry.Property(g => g.NeedsAttention);
            if (hold.NeedsAttention && attention.IsModified && !attention.OriginalValue)
            {
                holds.Add((hold, WebhookEvents.NeedsAttention));
            }
        }
        var differences = db.ChangeTracker.Entries<SettlementDifference>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        return new Pending(holds, differences);
    }

    /// <summary>
    /// Adds the outbox rows for what was just saved (ids are known now); false when no endpoint listens. Each event is
    /// dated by the change itself (the hold's <see cref="Guarantee.UpdatedAt"/>, the difference's FoundAt), which the
    /// domain's clock set.
    /// </summary>
    public static async Task<bool> AddAsync(PosLinkDbContext db, Pending pending, CancellationToken cancellationToken)
    {
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.IsEnabled).Select(e => new { e.Id, e.MerchantId }).ToListAsync(cancellationToken);
        if (endpoints.Count == 0)
        {
            return false;
        }
        var storeIds = pending.Holds.Select(h => h.Hold.StoreId).Concat(pending.Differences.Where(d => d.StoreId is not null).Select(d => d.StoreId!.Value)).Distinct().ToList();
        var merchantOf = await db.Stores.AsNoTracking().Where(s => storeIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.MerchantId, cancellationToken);
        var added = 0;
        void Add(int merchantId, Func<string, string> body, string type, DateTimeOffset at)
        {
            var eventId = WebhookEvents.NewId();
            var json = body(eventId);
            foreach (var endpoint in endpoints.Where(e => e.MerchantId == merchantId))
            {
                db.WebhookDeliveries.Add(WebhookDelivery.For(endpoint.Id, eventId, type, json, at));
                added++;
            }
        }
        foreach (var (hold, type) in pending.Holds)
        {
            Add(merchantOf[hold.StoreId], id => WebhookEvents.Body(id, type, hold.UpdatedAt, hold), type, hold.UpdatedAt);
        }
        foreach (var difference in pending.Differences)
        {
            Add(difference.MerchantId, id => WebhookEvents.Body(id, difference.FoundAt, difference), WebhookEvents.Difference, difference.FoundAt);
        }
        return added > 0;
    }

    internal static void Announce() => Written?.Invoke();
}
