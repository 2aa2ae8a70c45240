using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PosLink.Domain.Finance;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;

using PosLink.Web.Sandbox;

namespace PosLink.Web.Data;

/// <summary>
/// Demo data, seeded once per database after the app has started (it talks to the gateway, which in Sandbox
/// mode is the app itself): one merchant with two stores and two terminals each, a member of staff for each
/// role, and about thirty holds in every state, spread over the last 40 days, with yesterday's settlement day
/// matching <c>docs/demo/statement.csv</c>. Everything goes through the normal services, so every hold exists at
/// the gateway too; ages are then set back in PosLink's records and the sandbox's alike, on one demo clock.
/// </summary>
public sealed partial class DemoData(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    IOptions<DemoOptions> demo,
    IOptions<GatewayOptions> gateway,
    TimeProvider time,
    ILogger<DemoData> logger) : IHostedService
{
    public const string MerchantCode = "898310148160568";

    /// <summary>Completes when seeding has finished (or was not needed), for tests and for a clean shutdown.</summary>
    public Task Completion => _completion.Task;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var live = gateway.Value.Mode == GatewayMode.Live;
        var seed = demo.Value.Seed ?? !live;
        if (seed && live)
        {
            // Start-up validation refuses this; the seeding refuses it too, whoever built it with what.
            LogRefusedLive();
        }
        if (!seed || live)
        {
            _completion.TrySetResult();
            return Task.CompletedTask;
        }
        // After start: in Sandbox mode the gateway is this app's own HTTP endpoint.
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(RunAsync, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync()
    {
        try
        {
            await SeedAsync();
            _completion.TrySetResult();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
            _completion.TrySetException(ex);
        }
    }

    private async Task SeedAsync()
    {
        var contexts = services.GetRequiredService<IDbContextFactory<PosLinkDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            if (await db.Merchants.AnyAsync())
            {
                await TakeOnDevicesTodayAsync();
                _completion.TrySetResult();
                return;
            }
        }
        var system = Actor.System;
        var terminals = services.GetRequiredService<TerminalService>();
        var staff = services.GetRequiredService<StaffService>();
        var guarantees = services.GetRequiredService<GuaranteeService>();
        var sweeps = services.GetRequiredService<GuaranteeSweeps>();

        var merchant = (await terminals.RegisterMerchantAsync(system, MerchantCode, "示例酒店集团")).Unwrap();
        var jingan = (await terminals.RegisterStoreAsync(system, merchant.Id, "静安店")).Unwrap();
        var pudong = (await terminals.RegisterStoreAsync(system, merchant.Id, "浦东店")).Unwrap();
        var ja1 = (await terminals.RegisterTerminalAsync(system, jingan.Id, "JA000001")).Unwrap();
        var ja2 = (await terminals.RegisterTerminalAsync(system, jingan.Id, "JA000002")).Unwrap();
        var pd1 = (await terminals.RegisterTerminalAsync(system, pudong.Id, "PD000001")).Unwrap();
        var pd2 = (await terminals.RegisterTerminalAsync(system, pudong.Id, "PD000002")).Unwrap();
        foreach (var terminal in new[] { ja1, ja2, pd1, pd2 })
        {
            await terminals.ActivateIfNeededAsync(terminal.Id);
        }

        var password = demo.Value.Password;
        (await staff.CreateAsync(system, new StaffDraft("admin" + DemoAccounts.Domain, "系统管理员", StaffRole.Admin, []), password)).Unwrap();
        var jinganManager = (await staff.CreateAsync(system, new StaffDraft("manager.jingan" + DemoAccounts.Domain, "静安店经理", StaffRole.StoreManager, [jingan.Id]), password)).Unwrap();
        var pudongManager = (await staff.CreateAsync(system, new StaffDraft("manager.pudong" + DemoAccounts.Domain, "浦东店经理", StaffRole.StoreManager, [pudong.Id]), password)).Unwrap();
        (await staff.CreateAsync(system, new StaffDraft("finance" + DemoAccounts.Domain, "财务", StaffRole.Finance, []), password)).Unwrap();
        var managers = new Dictionary<int, Actor>
        {
            [jingan.Id] = (await staff.ActorForAsync(jinganManager.Id))!,
            [pudong.Id] = (await staff.ActorForAsync(pudongManager.Id))!,
        };

        var ages = new List<Age>();
        var contradicted = new List<long>();
        var completedElsewhere = new List<long>();
        var yesterdayNoon = new DateTimeOffset(ChinaTime.TradeDate(time.GetUtcNow()).AddDays(-1).ToDateTime(new TimeOnly(12, 0)), ChinaTime.Offset);
        foreach (var plan in Plan(ja1.Id, ja2.Id, pd1.Id, pd2.Id))
        {
            var storeId = plan.TerminalId == ja1.Id || plan.TerminalId == ja2.Id ? jingan.Id : pudong.Id;
            var actor = managers[storeId];
            var taken = await guarantees.TakeAsync(actor, new TakeHold(plan.TerminalId, plan.AmountFen, PayMode.CodeScan, plan.PayCode, plan.MerchantOrderId, plan.Remark));
            if (!taken.Succeeded)
            {
                continue;
            }
            var id = taken.Value.GuaranteeId;
            if (plan.CompleteFen is { } amount)
            {
                await guarantees.CompleteAsync(actor, id, amount);
            }
            else if (plan.Void)
            {
                await guarantees.VoidAsync(actor, id, "顾客取消预订");
            }
            // The statement's day: settled yesterday around noon, a few minutes apart.
            ages.Add(new Age(id, plan.AgeDays, plan.Yesterday ? yesterdayNoon.AddMinutes(ages.Count * 7) : null));
            if (plan.Contradicted)
            {
                contradicted.Add(id);
            }
            if (plan.CompletedElsewhere)
            {
                completedElsewhere.Add(id);
            }
        }

        await SetAgesAsync(contexts, ages);
        await ChangeAtTheGatewayAsync(contexts, contradicted, SecureStatus.Failed);
        await ChangeAtTheGatewayAsync(contexts, completedElsewhere, SecureStatus.Completed);
        // Holds past their lifetime: the same query the nightly sync makes finds nothing else happened, so they expire.
        await sweeps.SyncHeldAsync(TimeSpan.Zero);
        await sweeps.MarkExpiringSoonAsync(TimeSpan.FromDays(3));
        // What the nightly reconciliation would have found this morning: the void the platform says was completed.
        await services.GetRequiredService<ReconciliationService>().RunAsync(system, ChinaTime.TradeDate(yesterdayNoon));
        await TakeOnDevicesTodayAsync();
        LogSeeded(ages.Count);
    }

    /// <summary>
    /// A hold taken on each store's POS device today, at the platform only: what a manager imports on the find page by
    /// its terminal and trace number (the gateway finds a trace only on its day, so a later start takes today's).
    /// </summary>
    private async Task TakeOnDevicesTodayAsync()
    {
        if (services.GetService<SandboxGateway>() is not { } sandbox || (await sandbox.DeviceHoldsTodayAsync()).Count > 0)
        {
            return;
        }
        var trace = SandboxGateway.FirstDeviceTrace.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        await sandbox.TakeOnDeviceAsync(MerchantCode, "JA000002", trace, 88_000, "134567890123458801");
        await sandbox.TakeOnDeviceAsync(MerchantCode, "PD000002", trace, 128_000, "284567890123458802");
    }

    /// <summary>
    /// One demo hold: where, how much, with which script (the pay code), how old, and what happens to it.
    /// <c>Contradicted</c>: after seeding the platform says this held hold failed, the demo's item on the needs-attention list.
    /// <c>Yesterday</c>: finalized yesterday around noon, the day <c>docs/demo/statement.csv</c> settles (its merchant order id fixes its order id).
    /// <c>CompletedElsewhere</c>: voided here, but the platform says completed: the difference reconciliation finds.
    /// </summary>
    private sealed record HoldPlan(int TerminalId, long AmountFen, string PayCode, int AgeDays, string? Remark = null, long? CompleteFen = null, bool Void = false,
        bool Contradicted = false, string? MerchantOrderId = null, bool Yesterday = false, bool CompletedElsewhere = false);

    /// <summary>How far back a hold is set: by days (and a few minutes, so they spread), or to an exact instant.</summary>
    private sealed record Age(long Id, int Days, DateTimeOffset? At);

    /// <summary>Eleven holds per store: held (fresh, older, expiring soon), completed (in full, in part, with discounts),
    /// voided, declined, failed, waiting for the buyer, and one past its lifetime.</summary>
    private static IEnumerable<HoldPlan> Plan(int ja1, int ja2, int pd1, int pd2)
    {
        foreach (var (a, b, prefix) in new[] { (ja1, ja2, "13"), (pd1, pd2, "28") })
        {
            yield return new HoldPlan(a, 50_000, prefix + "45678901234561", 0, "1208房押金");
            yield return new HoldPlan(b, 120_000, prefix + "45678901234562", 6, "套房押金");
            yield return new HoldPlan(a, 80_000, prefix + "45678901234563", 28, "长住押金");
            yield return new HoldPlan(b, 30_000, prefix + "45678901234564", 12, "会议室押金", CompleteFen: 30_000);
            yield return new HoldPlan(a, 60_000, prefix + "45678901234565", 9, "房费押金", CompleteFen: 45_800);
            yield return new HoldPlan(b, 100_000, prefix + "45678901230088", 15, "婚宴定金", CompleteFen: 88_000);
            yield return new HoldPlan(a, 20_000, prefix + "45678901234567", 3, "顾客取消", Void: true);
            yield return new HoldPlan(b, 66_600, prefix + "45678901230051", 1, "余额不足");
            yield return new HoldPlan(a, 12_000, prefix + "45678901230078", 2, "未付款");
            yield return new HoldPlan(b, 40_000, prefix + "45678901230077", 0, "等待付款");
            yield return new HoldPlan(a, 70_000, prefix + "45678901234568", 35, "过期押金");
            yield return new HoldPlan(b, 35_000, prefix + "45678901234569", 4, "待核实押金", Contradicted: true);
        }
        // Today's completion, and yesterday's settlement day that the demo statement covers (with one mismatch in it).
        yield return new HoldPlan(ja1, 26_000, "1345678901235010", 0, "今日退房", CompleteFen: 26_000);
        yield return new HoldPlan(ja1, 58_000, "1345678901235001", 1, "1106房押金", CompleteFen: 58_000, MerchantOrderId: "DEMO-STMT-A", Yesterday: true);
        yield return new HoldPlan(pd1, 120_000, "2845678901235002", 1, "行政套房押金", CompleteFen: 96_500, MerchantOrderId: "DEMO-STMT-B", Yesterday: true);
        yield return new HoldPlan(ja2, 80_000, "1345678901230088", 1, "宴会定金", CompleteFen: 80_000, MerchantOrderId: "DEMO-STMT-C", Yesterday: true);
        yield return new HoldPlan(pd2, 45_000, "2845678901235004", 1, "取消的押金", Void: true, MerchantOrderId: "DEMO-STMT-V", Yesterday: true, CompletedElsewhere: true);
    }

    /// <summary>
    /// Sets each hold back by its age, as if taken then: in PosLink's records (the hold, its requests, its audit
    /// entries, its trade and settlement dates) and in the sandbox's (its hold and transactions), so that both tell
    /// the same story on one demo clock.
    /// </summary>
    private async Task SetAgesAsync(IDbContextFactory<PosLinkDbContext> contexts, IEnumerable<Age> ages)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var sandbox = services.GetService<IDbContextFactory<Sandbox.SandboxDbContext>>() is { } factory && gateway.Value.Mode == GatewayMode.Sandbox
            ? await factory.CreateDbContextAsync()
            : null;
        try
        {
            foreach (var (id, days, exactly) in ages.Where(a => a.Days > 0))
            {
                var g = await db.Guarantees.AsNoTracking().SingleAsync(x => x.Id == id);
                var shift = exactly is { } target ? g.CreatedAt - target : TimeSpan.FromDays(days) + TimeSpan.FromMinutes(id * 7 % 600);
                var created = g.CreatedAt - shift;
                var authorized = g.AuthorizedAt - shift;
                var finalized = g.FinalizedAt - shift;
                DateOnly? tradeDate = authorized is { } a ? ChinaTime.TradeDate(a) : g.TradeDate;
                DateOnly? settlement = g.SettlementDate is null || finalized is null ? g.SettlementDate : Sandbox.SandboxGateway.SettlementDay(finalized.Value);
                await db.Guarantees.Where(x => x.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.CreatedAt, created)
                    .SetProperty(x => x.UpdatedAt, created)
                    .SetProperty(x => x.ExpiresAt, g.ExpiresAt - shift)
                    .SetProperty(x => x.AuthorizedAt, authorized)
                    .SetProperty(x => x.TradeDate, tradeDate)
                    .SetProperty(x => x.FinalizedAt, finalized)
                    .SetProperty(x => x.SettlementDate, settlement));
                foreach (var operation in await db.GatewayOperations.AsNoTracking().Where(o => o.GuaranteeId == id).ToListAsync())
                {
                    var at = operation.CreatedAt - shift;
                    await db.GatewayOperations.Where(o => o.Id == operation.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(o => o.CreatedAt, at)
                        .SetProperty(o => o.TradeDate, ChinaTime.TradeDate(at)));
                }
                var objectId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                foreach (var entry in await db.AuditEntries.AsNoTracking().Where(a => a.ObjectType == nameof(Guarantee) && a.ObjectId == objectId).ToListAsync())
                {
                    var at = entry.At - shift;
                    await db.AuditEntries.Where(a => a.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.At, at));
                }
                if (sandbox is not null && g.OrderId is { } orderId && await sandbox.Holds.AsNoTracking().SingleOrDefaultAsync(h => h.OrderId == orderId) is { } held)
                {
                    var heldAt = held.AuthorizedAt - shift;
                    await sandbox.Holds.Where(h => h.Id == held.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(h => h.AuthorizedAt, heldAt)
                        .SetProperty(h => h.TradeDate, ChinaTime.TradeDate(heldAt)));
                    foreach (var transaction in await sandbox.Transactions.AsNoTracking().Where(t => t.HoldId == held.Id).ToListAsync())
                    {
                        var at = transaction.At - shift;
                        await sandbox.Transactions.Where(t => t.Id == transaction.Id).ExecuteUpdateAsync(s => s
                            .SetProperty(t => t.At, at)
                            .SetProperty(t => t.TradeDate, ChinaTime.TradeDate(at)));
                    }
                }
            }
        }
        finally
        {
            if (sandbox is not null)
            {
                await sandbox.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The platform's record of these holds changes behind PosLink's back: a held hold it now says failed (the next
    /// sync flags it for a person), or a voided one it says was completed (the reconciliation's difference).
    /// </summary>
    private async Task ChangeAtTheGatewayAsync(IDbContextFactory<PosLinkDbContext> contexts, List<long> ids, SecureStatus status)
    {
        if (ids.Count == 0 || gateway.Value.Mode != GatewayMode.Sandbox || services.GetService<IDbContextFactory<Sandbox.SandboxDbContext>>() is not { } factory)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync();
        var orderIds = await db.Guarantees.Where(g => ids.Contains(g.Id) && g.OrderId != null).Select(g => g.OrderId!).ToListAsync();
        await using var sandbox = await factory.CreateDbContextAsync();
        await sandbox.Holds.Where(h => orderIds.Contains(h.OrderId)).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.Status, status)
            .SetProperty(h => h.CompletedAmount, h => status == SecureStatus.Completed ? h.TransactionAmount : h.CompletedAmount));
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Demo data seeded: 1 merchant, 2 stores, 4 terminals, 4 staff, {Holds} holds")]
    private partial void LogSeeded(int holds);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "Demo data is never seeded against a Live gateway; PosLink:Demo:Seed was ignored")]
    private partial void LogRefusedLive();

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Demo data could not be seeded")]
    private partial void LogFailed(Exception exception);
}
