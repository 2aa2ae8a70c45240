using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Audit;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Tests.Support;
using PosLink.Web.Backups;

namespace PosLink.Tests.Backups;

/// <summary>
/// The drill an operator hopes never to run: the disk is lost, yesterday's copy is restored, and the platform knows
/// holds the copy does not. The platform here is another app's sandbox, so it keeps its memory when PosLink's ledger
/// goes back in time (the built-in sandbox lives in the ledger's own file and would go back with it).
/// </summary>
public sealed class RestoreDrillTests : IAsyncLifetime
{
    private const string PayCode = "134567890123456789";
    private static readonly Actor Admin = Actor.For("admin", "管理员", [StaffRole.Admin], []);
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    private readonly PosLinkAppFactory _platform = new();
    private readonly string _ledger = Path.Combine(Path.GetTempPath(), $"poslink-drill-{Guid.NewGuid():N}.db");
    private readonly string _backups = Path.Combine(Path.GetTempPath(), $"poslink-drill-backups-{Guid.NewGuid():N}");
    private Uri _gateway = default!;

    public Task InitializeAsync()
    {
        _gateway = new Uri(_platform.StartOnKestrel(), "sandbox/");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(_ledger + suffix);
        }
        Directory.Delete(_backups, recursive: true);
    }

    private PosLinkAppFactory PosLinkApp() => new PosLinkAppFactory(_ledger)
        .With("PosLink:Gateway:BaseUrl", _gateway.ToString())
        .With("PosLink:Backups:Folder", _backups)
        .With("PosLink:Backups:Keep", "2");

    private static async Task<List<GatewayOperation>> OperationsAsync(PosLinkAppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync();
        return await db.GatewayOperations.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
    }

    [Fact]
    public async Task RestoringYesterdaysCopy_BringsTodaysLaterHoldsBack_SendsNoNumberTwice_AndIsAudited()
    {
        string copy, held, completed;
        List<GatewayOperation> before;
        await using (var app = PosLinkApp())
        {
            var terminals = app.Services.GetRequiredService<TerminalService>();
            var merchant = (await terminals.RegisterMerchantAsync(Admin, "898310148160568", "上海示例酒店")).Unwrap();
            var store = (await terminals.RegisterStoreAsync(Admin, merchant.Id, "静安店")).Unwrap();
            var terminal = (await terminals.RegisterTerminalAsync(Admin, store.Id, "JA000001")).Unwrap();
            await terminals.ActivateAsync(Admin, terminal.Id);
            var guarantees = app.Services.GetRequiredService<GuaranteeService>();
            (await guarantees.TakeAsync(Admin, new TakeHold(terminal.Id, 10_000, PayMode.CodeScan, PayCode, "BEFORE-COPY"))).Unwrap();

            // Yesterday's nightly copy.
            var backups = app.Services.GetRequiredService<LedgerBackups>();
            copy = Path.Combine(backups.Folder, (await backups.BackUpAsync(Actor.System)).FileName);

            // Today, on the platform and here: two holds, one completed. The copy knows none of it.
            app.Time.Advance(OneDay);
            _platform.Time.Advance(OneDay);
            var first = (await guarantees.TakeAsync(Admin, new TakeHold(terminal.Id, 20_000, PayMode.CodeScan, PayCode, "AFTER-COPY-1"))).Unwrap();
            var second = (await guarantees.TakeAsync(Admin, new TakeHold(terminal.Id, 30_000, PayMode.CodeScan, PayCode, "AFTER-COPY-2"))).Unwrap();
            Assert.Equal(GuaranteeStatus.Completed, (await guarantees.CompleteAsync(Admin, first.GuaranteeId, 15_000)).Unwrap().Status);
            var queries = app.Services.GetRequiredService<GuaranteeQueries>();
            (completed, held) = ((await queries.DetailAsync(Admin, first.GuaranteeId))!.Hold.OrderId!, (await queries.DetailAsync(Admin, second.GuaranteeId))!.Hold.OrderId!);
            before = await OperationsAsync(app);
        }

        // The disk is lost; yesterday's copy comes back.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in (string[])["-wal", "-shm"])
        {
            File.Delete(_ledger + suffix);
        }
        File.Copy(copy, _ledger, overwrite: true);

        await using var restored = PosLinkApp();
        restored.Time.Advance(OneDay);
        var report = await restored.Services.GetRequiredService<RestoreRecovery>().Completion.WaitAsync(TimeSpan.FromSeconds(60));

        // Today's later holds are back, as the platform has them.
        Assert.NotNull(report);
        await using (var db = await restored.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync())
        {
            var holds = await db.Guarantees.AsNoTracking().ToDictionaryAsync(g => g.OrderId ?? "", g => g);
            Assert.Equal((GuaranteeStatus.Completed, 15_000L, true), (holds[completed].Status, holds[completed].CompletedFen ?? 0, holds[completed].Imported));
            Assert.Equal((GuaranteeStatus.Held, 30_000L, true), (holds[held].Status, holds[held].HeldFen, holds[held].Imported));
            Assert.Equal(3, holds.Count);
        }

        // Nothing was sent twice: since the restore only queries went out, none with a number today's requests used.
        var today = ChinaTimeToday(restored);
        var usedToday = before.Where(o => o.TradeDate == today).Select(o => o.SystemTraceNum).ToHashSet();
        var since = (await OperationsAsync(restored)).Where(o => o.TradeDate == today).ToList();
        Assert.NotEmpty(since);
        Assert.All(since, o => Assert.Equal(GatewayEndpoint.Query, o.Endpoint));
        Assert.DoesNotContain(since, o => usedToday.Contains(o.SystemTraceNum));

        // A hold taken now takes a fresh number too.
        var terminalId = since[0].TerminalId;
        var fresh = (await restored.Services.GetRequiredService<GuaranteeService>().TakeAsync(Admin, new TakeHold(terminalId, 5_000, PayMode.CodeScan, PayCode))).Unwrap();
        Assert.Equal(GuaranteeStatus.Held, fresh.Status);
        Assert.DoesNotContain((await OperationsAsync(restored)).Last().SystemTraceNum, usedToday);

        // Audited, with the day only the statement can still speak for (the copy's own day, after the copy).
        Assert.Equal([new DateOnly(2026, 11, 27)], report.DaysForTheStatement);
        // Three numbers answered: the two takes, and the completion's own (it finds the hold already brought back).
        Assert.Equal((3, true), (report.Terminals.Single().Found, report.Terminals.Single().Complete));
        await using (var db = await restored.Services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>().CreateDbContextAsync())
        {
            var actions = await db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync();
            Assert.Contains(AuditActions.LedgerRestored, actions);
            Assert.Contains(AuditActions.LedgerRecoveryWindow, actions);
            Assert.Contains(AuditActions.LedgerRecovered, actions);
            Assert.Equal(2, actions.Count(a => a == AuditActions.GuaranteeImport));
        }
        Assert.False(await restored.Services.GetRequiredService<global::PosLink.Domain.Guarantees.Recovery.RestoredLedger>().IsPendingAsync());
    }

    private static DateOnly ChinaTimeToday(PosLinkAppFactory app) => global::PosLink.Domain.Time.ChinaTime.TradeDate(app.Time.GetUtcNow());
}
