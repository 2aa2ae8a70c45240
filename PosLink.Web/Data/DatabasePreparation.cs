using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosLink.Domain.Gateway;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Web.Sandbox;

namespace PosLink.Web.Data;

/// <summary>Brings the database to the current schema at start: write-ahead logging on, migrations applied.</summary>
public static class DatabasePreparation
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        SqliteConnectionStrings.EnableWriteAheadLog(app.Services.GetRequiredService<PosLinkConnection>().ConnectionString);
        await using (var ledger = await app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync())
        {
            await ledger.Database.MigrateAsync();
        }
        await app.Services.GetRequiredService<StaffService>().EnsureRolesAsync();
        await DemoAccounts.GuardAsync(app.Services, app.Logger);
        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.Mode == GatewayMode.Sandbox)
        {
            var contexts = app.Services.GetRequiredService<IDbContextFactory<SandboxDbContext>>();
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.MigrateAsync();
        }
    }
}
