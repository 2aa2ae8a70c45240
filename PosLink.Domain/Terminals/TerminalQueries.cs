using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Terminals;

/// <summary>Merchants, stores and terminals for the pages, limited to what the actor may see.</summary>
public sealed class TerminalQueries(IDbContextFactory<PosLinkDbContext> contexts)
{
    /// <summary>Every merchant with its stores and terminals (admins, finance); a manager sees their stores only.</summary>
    public async Task<IReadOnlyList<Merchant>> MerchantsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var merchants = await db.Merchants.AsNoTracking().Include(m => m.Stores).ThenInclude(s => s.Terminals).OrderBy(m => m.MerchantCode).ToListAsync(cancellationToken);
        if (actor.SeesAllStores)
        {
            return merchants;
        }
        foreach (var merchant in merchants)
        {
            merchant.Stores.RemoveAll(s => !actor.StoreIds.Contains(s.Id));
        }
        return merchants.Where(m => m.Stores.Count > 0).ToList();
    }

    /// <summary>The terminals the actor may take holds on now: enabled, active, in their stores.</summary>
    public async Task<IReadOnlyList<Terminal>> UsableAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var terminals = await db.Terminals.AsNoTracking().Include(t => t.Store)
            .Where(t => t.IsEnabled && t.Activation == ActivationState.Active)
            .OrderBy(t => t.StoreId).ThenBy(t => t.TerminalCode)
            .ToListAsync(cancellationToken);
        return terminals.Where(t => actor.CanActIn(t.StoreId)).ToList();
    }

    public async Task<IReadOnlyList<Store>> StoresAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stores = await db.Stores.AsNoTracking().OrderBy(s => s.MerchantId).ThenBy(s => s.Name).ToListAsync(cancellationToken);
        return stores.Where(s => actor.CanSee(s.Id)).ToList();
    }
}
