namespace PosLink.Domain.Staff;

/// <summary>What an admin enters for a member of staff: sign-in email, shown name, role, and (for store managers) stores.</summary>
public sealed record StaffDraft(string Email, string DisplayName, string Role, IReadOnlyCollection<int> StoreIds);
