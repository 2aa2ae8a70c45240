using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Persistence;

namespace PosLink.Domain.Staff;

/// <summary>
/// Creates and changes staff (admins only) and builds the <see cref="Actor"/> every other service takes.
/// Each operation runs in a scope of its own, so Identity's stores never outlive it in a Blazor circuit.
/// A change of role, stores or status renews the security stamp, which ends open sessions at their next check.
/// </summary>
public sealed class StaffService(IServiceScopeFactory scopes, IDbContextFactory<PosLinkDbContext> contexts, TimeProvider time)
{
    private static readonly Problem AdminsOnly = Problem.Forbidden("Problem.OnlyAdminsMayManageStaff");
    private static readonly Problem NotFound = Problem.NotFound("Staff");

    /// <summary>
    /// Creates a member of staff. A password an admin chose is temporary: the member must replace it at the next
    /// sign-in (accounts the system seeds, such as the demo's, are not).
    /// </summary>
    public async Task<Result<StaffUser>> CreateAsync(Actor actor, StaffDraft draft, string password, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdminister)
        {
            return AdminsOnly;
        }
        if (await CheckAsync(draft, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        return await InTransactionAsync(async (users, db) =>
        {
            var email = draft.Email.Trim();
            if (await users.FindByEmailAsync(email) is not null)
            {
                return Problem.Invalid("email", "Problem.EmailAlreadyUse", email);
            }
            var user = new StaffUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = draft.DisplayName.Trim(),
                MustChangePassword = actor != Actor.System,
            };
            if (draft.Role == StaffRole.StoreManager)
            {
                user.Stores.AddRange(draft.StoreIds.Distinct().Select(id => new StoreAssignment { UserId = user.Id, StoreId = id }));
            }
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return IdentityProblem(created);
            }
            var role = await users.AddToRoleAsync(user, draft.Role);
            if (!role.Succeeded)
            {
                return IdentityProblem(role);
            }
            db.AuditEntries.Add(Audit(actor, AuditActions.StaffCreate, user.Id, null, Snapshot(draft)));
            return user;
        });
    }

    /// <summary>Changes name, role and stores; the member's open sessions pick it up at their next security-stamp check.</summary>
    public async Task<Result<StaffUser>> ChangeAsync(Actor actor, string userId, StaffDraft draft, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdminister)
        {
            return AdminsOnly;
        }
        if (await CheckAsync(draft, cancellationToken) is { } invalid)
        {
            return invalid;
        }
        return await InTransactionAsync(async (users, db) =>
        {
            var user = await db.Users.Include(u => u.Stores).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
            if (user is null)
            {
                return NotFound;
            }
            var roles = await users.GetRolesAsync(user);
            var before = new { user.DisplayName, Role = roles.FirstOrDefault(), StoreIds = user.Stores.Select(s => s.StoreId).Order().ToList() };
            if (actor.UserId == userId && draft.Role != StaffRole.Admin && roles.Contains(StaffRole.Admin))
            {
                return Problem.Invalid("role", "Problem.YouCannotRemoveYourOwn");
            }

            user.DisplayName = draft.DisplayName.Trim();
            user.Stores.Clear();
            if (draft.Role == StaffRole.StoreManager)
            {
                user.Stores.AddRange(draft.StoreIds.Distinct().Select(id => new StoreAssignment { UserId = user.Id, StoreId = id }));
            }
            await users.RemoveFromRolesAsync(user, roles);
            await users.AddToRoleAsync(user, draft.Role);
            await users.UpdateSecurityStampAsync(user);
            db.AuditEntries.Add(Audit(actor, AuditActions.StaffChange, user.Id, before, Snapshot(draft)));
            return user;
        });
    }

    /// <summary>Disables or re-enables a member; a disabled one cannot sign in and is signed out everywhere.</summary>
    public Task<Result<StaffUser>> SetDisabledAsync(Actor actor, string userId, bool disabled, CancellationToken cancellationToken = default) =>
        actor.UserId == userId && disabled
            ? Task.FromResult<Result<StaffUser>>(Problem.Invalid("userId", "Problem.YouCannotDisableYourOwn"))
            : ChangeUserAsync(actor, userId, async (users, user, db) =>
            {
                if (user.IsDisabled != disabled)
                {
                    var before = new { user.IsDisabled };
                    user.IsDisabled = disabled;
                    await users.UpdateAsync(user);
                    await users.UpdateSecurityStampAsync(user);
                    db.AuditEntries.Add(Audit(actor, AuditActions.StaffChange, user.Id, before, new { IsDisabled = disabled }));
                }
                return user;
            });

    /// <summary>A member of staff as the staff page lists them.</summary>
    public sealed record StaffRow(string Id, string Email, string DisplayName, string? Role, IReadOnlyList<int> StoreIds, bool IsDisabled, DateTimeOffset? LockedOutUntil, bool TwoFactorEnabled);

    /// <summary>Everyone (admins only).</summary>
    public async Task<IReadOnlyList<StaffRow>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdminister)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Include(u => u.Stores).OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return users.Select(u => new StaffRow(u.Id, u.Email ?? "", u.DisplayName, roles.FirstOrDefault(r => r.UserId == u.Id)?.Name,
            u.Stores.Select(s => s.StoreId).Order().ToList(), u.IsDisabled, u.LockoutEnd > now ? u.LockoutEnd : null, u.TwoFactorEnabled)).ToList();
    }

    /// <summary>Sets a temporary password for a member (admins only): their open sessions end, and their next sign-in must replace it.</summary>
    public Task<Result<StaffUser>> ResetPasswordAsync(Actor actor, string userId, string newPassword, CancellationToken cancellationToken = default) =>
        ChangeUserAsync(actor, userId, async (users, user, db) =>
        {
            // Replaced directly rather than through a reset token: a token is protected by a data-protection key,
            // and creating the first key inside this transaction would wait on its own write lock.
            user.MustChangePassword = actor != Actor.System;
            var removed = await users.RemovePasswordAsync(user);
            var reset = removed.Succeeded ? await users.AddPasswordAsync(user, newPassword) : removed;
            if (!reset.Succeeded)
            {
                return IdentityProblem(reset);
            }
            db.AuditEntries.Add(Audit(actor, AuditActions.PasswordChange, user.Id, null, new { PasswordReset = true, user.MustChangePassword }));
            return user;
        });

    /// <summary>
    /// A member changes their own password: the current one is required, the new one must meet the rules and differ
    /// from it. Their other sessions end (the security stamp changes); a temporary password stops being one.
    /// </summary>
    public Task<Result<StaffUser>> ChangeOwnPasswordAsync(string userId, string currentPassword, string newPassword, string? origin = null, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (users, db) =>
        {
            var user = await users.FindByIdAsync(userId);
            if (user is null || user.IsDisabled)
            {
                return NotFound;
            }
            if (string.IsNullOrEmpty(currentPassword) || !await users.CheckPasswordAsync(user, currentPassword))
            {
                return Problem.Invalid("currentPassword", "Problem.CurrentPasswordNotRight");
            }
            if (newPassword == currentPassword)
            {
                return Problem.Invalid("newPassword", "Problem.NewPasswordMustDifferFrom");
            }
            var before = new { user.MustChangePassword };
            user.MustChangePassword = false;
            var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
            if (!changed.Succeeded)
            {
                return IdentityProblem(changed, "newPassword");
            }
            var self = Actor.For(user.Id, string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName, [], [], origin);
            db.AuditEntries.Add(Audit(self, AuditActions.PasswordChange, user.Id, before, new { user.MustChangePassword }));
            return user;
        });

    /// <summary>Locks a member out until unlocked (or unlocks them, clearing failed attempts).</summary>
    public Task<Result<StaffUser>> SetLockedAsync(Actor actor, string userId, bool locked, CancellationToken cancellationToken = default) =>
        ChangeUserAsync(actor, userId, async (users, user, db) =>
        {
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
            if (!locked)
            {
                await users.ResetAccessFailedCountAsync(user);
            }
            await users.UpdateSecurityStampAsync(user);
            db.AuditEntries.Add(Audit(actor, AuditActions.StaffChange, user.Id, null, new { Locked = locked }));
            return user;
        });

    /// <summary>The shape of every admin change to one account: authorize, then find the user and change it in one transaction.</summary>
    private async Task<Result<StaffUser>> ChangeUserAsync(Actor actor, string userId, Func<UserManager<StaffUser>, StaffUser, PosLinkDbContext, Task<Result<StaffUser>>> change)
    {
        if (!actor.CanAdminister)
        {
            return AdminsOnly;
        }
        return await InTransactionAsync(async (users, db) => await users.FindByIdAsync(userId) is { } user ? await change(users, user, db) : NotFound);
    }

    /// <summary>
    /// Runs Identity's steps and the audit entry in one transaction of one scope's context: a change is never saved
    /// without its audit entry, and a step that fails leaves nothing of the others behind.
    /// </summary>
    private async Task<Result<StaffUser>> InTransactionAsync(Func<UserManager<StaffUser>, PosLinkDbContext, Task<Result<StaffUser>>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PosLinkDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await work(users, db);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        return result;
    }

    /// <summary>The actor for a signed-in user, or null when the account is missing or disabled.</summary>
    public async Task<Actor?> ActorForAsync(string userId, string? origin = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Include(u => u.Stores).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || user.IsDisabled)
        {
            return null;
        }
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);
        return Actor.For(user.Id, string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName, roles, user.Stores.Select(s => s.StoreId), origin);
    }

    /// <summary>Creates the three roles if they are missing (at start).</summary>
    public async Task EnsureRolesAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRole.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private async Task<Problem?> CheckAsync(StaffDraft draft, CancellationToken cancellationToken)
    {
        var email = draft.Email?.Trim() ?? "";
        if (email.Length is 0 or > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            return Problem.Invalid("email", "Problem.EmailNotValidGot", email);
        }
        var name = draft.DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > 50)
        {
            return Problem.Invalid("displayName", "Problem.NameMust150Characters");
        }
        if (!StaffRole.All.Contains(draft.Role))
        {
            return Problem.Invalid("role", "Problem.UnknownRole", draft.Role);
        }
        if (draft.Role == StaffRole.StoreManager)
        {
            if (draft.StoreIds.Count == 0)
            {
                return Problem.Invalid("storeIds", "Problem.StoreManagerMustManageAt");
            }
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var ids = draft.StoreIds.Distinct().ToList();
            if (await db.Stores.CountAsync(s => ids.Contains(s.Id), cancellationToken) != ids.Count)
            {
                return Problem.NotFound("Store");
            }
        }
        return null;
    }

    private static object Snapshot(StaffDraft draft) =>
        new { Email = draft.Email.Trim(), DisplayName = draft.DisplayName.Trim(), draft.Role, StoreIds = draft.Role == StaffRole.StoreManager ? draft.StoreIds.Distinct().Order().ToList() : [] };

    private AuditEntry Audit(Actor actor, string action, string userId, object? before, object after) =>
        AuditTrail.Entry(actor, action, nameof(StaffUser), userId, before, after, time.GetUtcNow());

    private static Problem IdentityProblem(IdentityResult result, string passwordField = "password")
    {
        var error = result.Errors.First();
        return error.Code.StartsWith("Password", StringComparison.Ordinal)
            ? Problem.Invalid(passwordField, "Problem.PasswordDoesNotMeetRules", error.Description)
            : Problem.Invalid("email", "Problem.AccountCouldNotCreated", error.Description);
    }
}
