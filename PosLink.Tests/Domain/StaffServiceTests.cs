using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

public sealed class StaffServiceTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    private StaffService Staff => _h.Services.GetRequiredService<StaffService>();

    public async Task InitializeAsync()
    {
        _h = await LedgerHarness.CreateAsync();
        await Staff.EnsureRolesAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Create_AStoreManager_GivesAnActorWithTheirStores_AndAnAuditEntryWithoutThePassword()
    {
        var user = (await Staff.CreateAsync(_h.Admin, new StaffDraft("wang@poslink.demo", "王经理", StaffRole.StoreManager, [_h.Jingan.StoreId]), "a long enough passphrase")).Unwrap();

        var actor = (await Staff.ActorForAsync(user.Id))!;
        Assert.Equal(("王经理", true, false), (actor.Name, actor.IsStoreManager, actor.IsAdmin));
        Assert.Equal([_h.Jingan.StoreId], actor.StoreIds);
        Assert.True(actor.CanActIn(_h.Jingan.StoreId));
        Assert.False(actor.CanSee(_h.Pudong.StoreId));

        await using var db = await _h.Contexts.CreateDbContextAsync();
        var entry = await db.AuditEntries.OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("staff.create", "StaffUser", user.Id, "管理员"), (entry.Action, entry.ObjectType, entry.ObjectId, entry.ActorName));
        Assert.Contains("wang@poslink.demo", entry.After, StringComparison.Ordinal);
        Assert.DoesNotContain("passphrase", entry.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-email", "王", StaffRole.Finance, "short", "email")]
    [InlineData("a@poslink.demo", "", StaffRole.Finance, "a long enough passphrase", "displayName")]
    [InlineData("a@poslink.demo", "王", "Cashier", "a long enough passphrase", "role")]
    [InlineData("a@poslink.demo", "王", StaffRole.StoreManager, "a long enough passphrase", "storeIds")]
    [InlineData("a@poslink.demo", "王", StaffRole.Finance, "elevenchars", "password")]
    public async Task Create_WithBadInput_IsRefusedNamingTheField(string email, string name, string role, string password, string field)
    {
        var result = await Staff.CreateAsync(_h.Admin, new StaffDraft(email, name, role, []), password);
        Assert.Equal(field, result.Problem!.Field);
        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task OnlyAdmins_ManageStaff()
    {
        var result = await Staff.CreateAsync(_h.JinganManager, new StaffDraft("x@poslink.demo", "X", StaffRole.Admin, []), "a long enough passphrase");
        Assert.Equal("forbidden", result.Problem!.Code);
    }

    [Fact]
    public async Task Change_RoleAndStores_RenewsTheSecurityStamp_AndIsAudited()
    {
        var user = (await Staff.CreateAsync(_h.Admin, new StaffDraft("li@poslink.demo", "李", StaffRole.StoreManager, [_h.Jingan.StoreId]), "a long enough passphrase")).Unwrap();
        var stamp = user.SecurityStamp;

        (await Staff.ChangeAsync(_h.Admin, user.Id, new StaffDraft("li@poslink.demo", "李经理", StaffRole.StoreManager, [_h.Pudong.StoreId]))).Unwrap();

        var actor = (await Staff.ActorForAsync(user.Id))!;
        Assert.Equal([_h.Pudong.StoreId], actor.StoreIds);
        Assert.Equal("李经理", actor.Name);
        await using var scope = _h.Services.CreateAsyncScope();
        var reloaded = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByIdAsync(user.Id);
        Assert.NotEqual(stamp, reloaded!.SecurityStamp);

        await using var db = await _h.Contexts.CreateDbContextAsync();
        var entry = await db.AuditEntries.OrderBy(a => a.Id).LastAsync();
        Assert.Equal("staff.change", entry.Action);
        Assert.Contains($"\"storeIds\":[{_h.Jingan.StoreId}]", entry.Before, StringComparison.Ordinal);
        Assert.Contains($"\"storeIds\":[{_h.Pudong.StoreId}]", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_HasNoActor()
    {
        var user = (await Staff.CreateAsync(_h.Admin, new StaffDraft("zhao@poslink.demo", "赵", StaffRole.Finance, []), "a long enough passphrase")).Unwrap();
        (await Staff.SetDisabledAsync(_h.Admin, user.Id, true)).Unwrap();
        Assert.Null(await Staff.ActorForAsync(user.Id));
        (await Staff.SetDisabledAsync(_h.Admin, user.Id, false)).Unwrap();
        Assert.True((await Staff.ActorForAsync(user.Id))!.IsFinance);
    }

    [Fact]
    public async Task ResetPasswordAndLock_AreAdminsOnly_AndAudited()
    {
        var user = (await Staff.CreateAsync(_h.Admin, new StaffDraft("qian@poslink.demo", "钱", StaffRole.Finance, []), "a long enough passphrase")).Unwrap();
        Assert.Equal("forbidden", (await Staff.ResetPasswordAsync(_h.Finance, user.Id, "another long passphrase")).Problem!.Code);
        Assert.Equal("password", (await Staff.ResetPasswordAsync(_h.Admin, user.Id, "short")).Problem!.Field);
        (await Staff.ResetPasswordAsync(_h.Admin, user.Id, "another long passphrase")).Unwrap();
        (await Staff.SetLockedAsync(_h.Admin, user.Id, true)).Unwrap();
        Assert.NotNull((await Staff.ListAsync(_h.Admin)).Single(r => r.Id == user.Id).LockedOutUntil);
        (await Staff.SetLockedAsync(_h.Admin, user.Id, false)).Unwrap();
        Assert.Null((await Staff.ListAsync(_h.Admin)).Single(r => r.Id == user.Id).LockedOutUntil);
        Assert.Equal("not-found", (await Staff.SetLockedAsync(_h.Admin, "nobody", true)).Problem!.Code);
        Assert.Equal("invalid", (await Staff.SetDisabledAsync(_h.Admin, _h.Admin.UserId, true)).Problem!.Code);

        await using var db = await _h.Contexts.CreateDbContextAsync();
        var changes = await db.AuditEntries.Where(a => a.ObjectId == user.Id && (a.Action == "staff.change" || a.Action == "staff.password")).Select(a => new { a.Action, a.After }).ToListAsync();
        Assert.Equal(["staff.password", "staff.change", "staff.change"], changes.Select(c => c.Action));
        Assert.Contains("passwordReset", changes[0].After, StringComparison.Ordinal);
        Assert.DoesNotContain(changes, c => c.After!.Contains("another long passphrase", StringComparison.Ordinal));
    }
}
