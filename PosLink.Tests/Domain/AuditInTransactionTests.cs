using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

/// <summary>
/// Staff and terminal changes write their audit entry in the same transaction as the change: when the entry cannot
/// be written, the change is not kept either (the database refuses audit rows here through a trigger).
/// </summary>
public sealed class AuditInTransactionTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    private StaffService Staff => _h.Services.GetRequiredService<StaffService>();

    public async Task InitializeAsync()
    {
        _h = await LedgerHarness.CreateAsync();
        await Staff.EnsureRolesAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task RefuseAuditEntriesAsync()
    {
        await using var db = await _h.Contexts.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_audit BEFORE INSERT ON AuditEntries BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
    }

    [Fact]
    public async Task AStaffChange_WhoseAuditEntryFails_IsNotSaved()
    {
        var user = (await Staff.CreateAsync(_h.Admin, new StaffDraft("li@poslink.demo", "李", StaffRole.StoreManager, [_h.Jingan.StoreId]), "a long enough passphrase")).Unwrap();
        await RefuseAuditEntriesAsync();

        await Assert.ThrowsAnyAsync<DbUpdateException>(() =>
            Staff.ChangeAsync(_h.Admin, user.Id, new StaffDraft("li@poslink.demo", "李经理", StaffRole.Admin, [])));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => Staff.SetDisabledAsync(_h.Admin, user.Id, true));

        var actor = (await Staff.ActorForAsync(user.Id))!;
        Assert.Equal(("李", true, false), (actor.Name, actor.IsStoreManager, actor.IsAdmin));
        Assert.Equal([_h.Jingan.StoreId], actor.StoreIds);
    }

    [Fact]
    public async Task ATerminalRegistration_WhoseAuditEntryFails_IsNotSaved()
    {
        await RefuseAuditEntriesAsync();

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => _h.Terminals.RegisterTerminalAsync(_h.Admin, _h.Jingan.StoreId, "JA000099"));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => _h.Terminals.SetEnabledAsync(_h.Admin, _h.Jingan.Id, false));

        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.False(await db.Terminals.AnyAsync(t => t.TerminalCode == "JA000099"));
        Assert.True((await db.Terminals.SingleAsync(t => t.Id == _h.Jingan.Id)).IsEnabled);
    }
}
