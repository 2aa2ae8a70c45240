using Microsoft.AspNetCore.Identity;

namespace PosLink.Domain.Staff;

/// <summary>A member of staff who signs in. Roles are Identity roles; a store manager's stores are <see cref="StoreAssignment"/>s.</summary>
public sealed class StaffUser : IdentityUser
{
    /// <summary>The name shown in audit entries and on screens, e.g. 王经理.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled account cannot sign in and its open sessions end at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>The password was set by an admin (a new account, a reset): the next sign-in must replace it before anything else.</summary>
    public bool MustChangePassword { get; set; }

    public List<StoreAssignment> Stores { get; set; } = [];
}

/// <summary>A store a store manager manages.</summary>
public sealed class StoreAssignment
{
    public required string UserId { get; init; }
    public required int StoreId { get; init; }
}
