using PosLink.Domain.Staff;

namespace PosLink.Domain.Guarantees;

/// <summary><see cref="Actor.CanSee"/> as a query: the one place every read model narrows holds to the actor's reach.</summary>
public static class GuaranteeVisibility
{
    /// <remarks>The actor's reach is decided here, so the query carries plain values (one store is an equality), not the actor.</remarks>
    public static IQueryable<Guarantee> VisibleTo(this IQueryable<Guarantee> guarantees, Actor actor)
    {
        if (actor.SeesAllStores)
        {
            return guarantees;
        }
        if (!actor.IsStoreManager || actor.StoreIds.Count == 0)
        {
            return guarantees.Where(_ => false);
        }
        if (actor.StoreIds.Count == 1)
        {
            var store = actor.StoreIds.Single();
            return guarantees.Where(g => g.StoreId == store);
        }
        var stores = actor.StoreIds.ToList();
        return guarantees.Where(g => stores.Contains(g.StoreId));
    }
}
