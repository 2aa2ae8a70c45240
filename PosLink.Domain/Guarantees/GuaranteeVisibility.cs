using PosLink.Domain.Staff;

namespace PosLink.Domain.Guarantees;

/// <summary><see cref="Actor.CanSee"/> as a query: the one place every read model narrows holds to the actor's reach.</summary>
public static class GuaranteeVisibility
{
    public static IQueryable<Guarantee> VisibleTo(this IQueryable<Guarantee> guarantees, Actor actor) =>
        actor.SeesAllStores ? guarantees : guarantees.Where(g => actor.IsStoreManager && actor.StoreIds.Contains(g.StoreId));
}
