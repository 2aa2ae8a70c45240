namespace PosLink.Domain.Staff;

/// <summary>The three kinds of staff, stored as Identity role names.</summary>
public static class StaffRole
{
    /// <summary>Registers merchants, stores, terminals and staff; may act on every hold.</summary>
    public const string Admin = "Admin";

    /// <summary>Sees and finalizes the holds of the stores assigned to them, and takes new ones there.</summary>
    public const string StoreManager = "StoreManager";

    /// <summary>Reads everything for reconciliation; changes nothing.</summary>
    public const string Finance = "Finance";

    public static readonly IReadOnlyList<string> All = [Admin, StoreManager, Finance];
}
