using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Terminals;

/// <summary>A terminal as the pages list it.</summary>
public sealed record TerminalRow(int Id, string TerminalCode, int StoreId, string StoreName, bool IsEnabled, ActivationState Activation,
    string? LastActivationErrCode, string? LastActivationErrInfo)
{
    public bool CanTakeHolds => IsEnabled && Activation == ActivationState.Active;
}

/// <summary>A store with its terminals.</summary>
public sealed record StoreRow(int Id, int MerchantId, string Name, IReadOnlyList<TerminalRow> Terminals);

/// <summary>A merchant with the stores the actor may see.</summary>
public sealed record MerchantRow(int Id, string MerchantCode, string Name, IReadOnlyList<StoreRow> Stores);

/// <summary>Merchants, stores and terminals for the pages, limited in the query itself to what the actor may see.</summary>
public sealed class TerminalQueries(IDbContextFactory<PosLinkDbContext> contexts)
{
    /// <summary>Every merchant with its stores and terminals (admins, finance); a manager sees their stores only.</summary>
    public async Task<IReadOnlyList<MerchantRow>> MerchantsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var merchants = await db.Merchants.OrderBy(m => m.MerchantCode).Select(m => new { m.Id, m.MerchantCode, m.Name }).ToListAsync(cancellationToken);
        var stores = await StoresAsync(db, actor, cancellationToken);
        return merchants
            .Select(m => new MerchantRow(m.Id, m.MerchantCode, m.Name, stores.Where(s => s.MerchantId == m.Id).ToList()))
            .Where(m => actor.SeesAllStores || m.Stores.Count > 0)
            .ToList();
    }

    /// <summary>The terminals the actor may take holds on now: enabled, active, in the stores they act in.</summary>
    public async Task<IReadOnlyList<TerminalRow>> UsableAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await TerminalsAsync(db, actor, cancellationToken)).Where(t => t.CanTakeHolds && actor.CanActIn(t.StoreId)).ToList();
    }

    /// <summary>The stores the actor may see, with their terminals.</summary>
    public async Task<IReadOnlyList<StoreRow>> StoresAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await StoresAsync(db, actor, cancellationToken);
    }

    private static async Task<List<StoreRow>> StoresAsync(PosLinkDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        var terminals = await TerminalsAsync(db, actor, cancellationToken);
        var visible = Visible(db.Stores, actor);
        return (await visible.OrderBy(s => s.MerchantId).ThenBy(s => s.Name).Select(s => new { s.Id, s.MerchantId, s.Name }).ToListAsync(cancellationToken))
            .Select(s => new StoreRow(s.Id, s.MerchantId, s.Name, terminals.Where(t => t.StoreId == s.Id).ToList()))
            .ToList();
    }

    private static Task<List<TerminalRow>> TerminalsAsync(PosLinkDbContext db, Actor actor, CancellationToken cancellationToken) =>
        db.Terminals.Where(t => actor.SeesAllStores || (actor.IsStoreManager && actor.StoreIds.Contains(t.StoreId)))
            .OrderBy(t => t.StoreId).ThenBy(t => t.TerminalCode)
            .Select(t => new TerminalRow(t.Id, t.TerminalCode, t.StoreId, t.Store!.Name, t.IsEnabled, t.Activation, t.LastActivationErrCode, t.LastActivationErrInfo))
            .ToListAsync(cancellationToken);

    private static IQueryable<Store> Visible(IQueryable<Store> stores, Actor actor) =>
        actor.SeesAllStores ? stores : stores.Where(s => actor.IsStoreManager && actor.StoreIds.Contains(s.Id));
}
