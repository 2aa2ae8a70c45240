using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Text;
using PosLink.Web.Sandbox;

namespace PosLink.Web.Data;

/// <summary>Brings the databases to the current schema at start (the ledger under a lock on PostgreSQL), then roles and demo-account checks.</summary>
public static class DatabasePreparation
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await LedgerMigration.MigrateAsync(app.Services.GetRequiredService<PosLinkConnection>(), app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>());
        await app.Services.GetRequiredService<StaffService>().EnsureRolesAsync();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync())
        {
            await ProtectedUserStore.ProtectStoredSecretsAsync(db, app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>());
            await LegacyTexts.MigrateAsync(db);
        }
        await DemoAccounts.GuardAsync(app.Services, app.Logger);
        // A restored ledger's counters move on before anyone can take a number the platform has already seen.
        await app.Services.GetRequiredService<PosLink.Web.Backups.RestoreRecovery>().PrepareAsync();
        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.Mode == GatewayMode.Sandbox)
        {
            // The sandbox's tables sit in the ledger's database (already in write-ahead mode on SQLite), migrated under the same lock.
            var contexts = app.Services.GetRequiredService<IDbContextFactory<SandboxDbContext>>();
            await LedgerMigration.MigrateAsync(app.Services.GetRequiredService<PosLinkConnection>(), async ct => await contexts.CreateDbContextAsync(ct));
        }
    }
}
