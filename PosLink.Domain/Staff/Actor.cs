namespace PosLink.Domain.Staff;

/// <summary>
/// Who is acting, as every domain operation takes it first: the user, their roles and (for store managers)
/// their stores. Immutable, so a check made at the start of an operation holds to its end.
/// </summary>
public sealed record Actor(string UserId, string Name, IReadOnlySet<string> Roles, IReadOnlySet<int> StoreIds, string? Origin = null)
{
    /// <summary>Background jobs: reads and settles everything, on no one's behalf.</summary>
    public static readonly Actor System = new("system", "系统", new HashSet<string> { StaffRole.Admin }, new HashSet<int>());

    public bool IsAdmin => Roles.Contains(StaffRole.Admin);
    public bool IsFinance => Roles.Contains(StaffRole.Finance);
    public bool IsStoreManager => Roles.Contains(StaffRole.StoreManager);

    /// <summary>Admins and finance see every store; store managers only theirs.</summary>
    public bool SeesAllStores => IsAdmin || IsFinance;

    /// <summary>Whether the actor may see what happens in a store.</summary>
    public bool CanSee(int storeId) => SeesAllStores || (IsStoreManager && StoreIds.Contains(storeId));

    /// <summary>Whether the actor may move money (take, complete, void, refresh) in a store. Finance never does.</summary>
    public bool CanActIn(int storeId) => IsAdmin || (IsStoreManager && StoreIds.Contains(storeId));

    /// <summary>Whether the actor may reconcile: run checks, import statements, resolve differences. Finance and admins.</summary>
    public bool CanReconcile => IsAdmin || IsFinance;

    /// <summary>Whether the actor may register and change merchants, stores, terminals and staff.</summary>
    public bool CanAdminister => IsAdmin;

    public static Actor For(string userId, string name, IEnumerable<string> roles, IEnumerable<int> storeIds, string? origin = null) =>
        new(userId, name, roles.ToHashSet(StringComparer.Ordinal), storeIds.ToHashSet(), origin);
}
