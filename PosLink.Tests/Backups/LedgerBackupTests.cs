using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain;
using PosLink.Domain.Audit;
using PosLink.Domain.Guarantees.Recovery;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Tests.Support;
using PosLink.Web.Backups;

namespace PosLink.Tests.Backups;

/// <summary>The nightly copy and the command: consistent copies of the live ledger, the last N kept, each recorded.</summary>
public sealed class LedgerBackupTests : IAsyncLifetime
{
    private static readonly Actor Admin = Actor.For("admin", "管理员", [StaffRole.Admin], []);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"poslink-backups-{Guid.NewGuid():N}");
    private readonly PosLinkAppFactory _app;

    public LedgerBackupTests() => _app = new PosLinkAppFactory().With("PosLink:Backups:Folder", _folder).With("PosLink:Backups:Keep", "2");

    public Task InitializeAsync()
    {
        _app.StartOnKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheNightlyJob_CopiesTheLiveLedger_KeepsTheLastTwo_AndRecordsEach()
    {
        await _app.Services.GetRequiredService<TerminalService>().RegisterMerchantAsync(Admin, "898310148160568", "上海示例酒店");
        var job = _app.Services.GetRequiredService<LedgerBackupJob>();
        for (var night = 0; night < 3; night++)
        {
            await job.RunAsync(CancellationToken.None);
            _app.Time.Advance(TimeSpan.FromDays(1));
        }

        var copies = _app.Services.GetRequiredService<LedgerBackups>().Copies();
        Assert.Equal(["poslink-20261129-153000.db", "poslink-20261128-153000.db"], copies.Select(c => c.FileName));
        Assert.Equal(copies.Select(c => c.FileName).Order(), Directory.GetFiles(_folder).Select(Path.GetFileName).Order());

        // Each copy is a whole database with the ledger's rows, and carries the restored mark the live ledger never has.
        var copy = DomainServiceCollectionExtensions.LedgerContextsFor(new PosLinkConnection($"Data Source={Path.Combine(_folder, copies[0].FileName)};Pooling=False"));
        await using (var db = await copy.CreateDbContextAsync())
        {
            Assert.Equal("ok", await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync() is [var result] ? result : null);
            Assert.Equal("上海示例酒店", (await db.Merchants.SingleAsync()).Name);
            Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditActions.LedgerRestored).ToListAsync());
        }
        Assert.False(await _app.Services.GetRequiredService<RestoredLedger>().IsPendingAsync());
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.LedgerBackup));
            Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == AuditActions.LedgerRestored));
        }
    }

    [Fact]
    public async Task TheCommands_CopyNow_AndMarkALedgerRestored()
    {
        await using var host = await HostFor(_app);

        Assert.Equal(0, await BackupComposition.RunCommandAsync(host, "backup"));
        Assert.Single(Directory.GetFiles(_folder, "poslink-*.db"));

        Assert.Equal(0, await BackupComposition.RunCommandAsync(host, "restored"));
        Assert.True(await _app.Services.GetRequiredService<RestoredLedger>().IsPendingAsync());
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The app as the command line builds it, on the test app's ledger and settings.</summary>
    private static Task<WebApplication> HostFor(PosLinkAppFactory app)
    {
        var builder = WebApplication.CreateBuilder(global::PosLink.Web.WebComposition.Options([
            $"--ConnectionStrings:PosLink=Data Source={app.DatabasePath}",
            $"--PosLink:Backups:Folder={app.Services.GetRequiredService<LedgerBackups>().Folder}",
            "--PosLink:Security:AllowUnencryptedKeys=true", "--PosLink:Jobs:Recurring=false",
        ]));
        global::PosLink.Web.WebComposition.AddPosLinkWeb(builder);
        return Task.FromResult(builder.Build());
    }
}
