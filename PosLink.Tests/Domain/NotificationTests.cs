using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Guarantees.Bulk;
using PosLink.Domain.Notifications;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

/// <summary>Each kind of notification reaches the right people only, and goes when what it points to is resolved.</summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(3);
    private LedgerHarness _h = default!;

    private NotificationQueries Notifications => _h.Services.GetRequiredService<NotificationQueries>();

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<List<(NotificationKind Kind, long Id)>> ForAsync(Actor actor) =>
        (await Notifications.ForAsync(actor, Window)).Items.Select(n => (n.Kind, n.SubjectId)).ToList();

    [Fact]
    public async Task AHoldNearItsEnd_WarnsItsStoresManagers_InTheWindow_AgainWithinADay_AndGoesWhenCompleted()
    {
        var hold = await _h.HeldAsync();
        var lifetime = TimeSpan.FromDays(_h.Options.LifetimeDays);
        Assert.Empty(await ForAsync(_h.JinganManager));

        _h.Time.Advance(lifetime - TimeSpan.FromDays(2));
        Assert.Equal([(NotificationKind.HoldExpiresSoon, hold)], await ForAsync(_h.JinganManager));
        Assert.Equal([(NotificationKind.HoldExpiresSoon, hold)], await ForAsync(_h.Admin));
        Assert.Empty(await ForAsync(_h.PudongManager));
        Assert.Empty(await ForAsync(_h.Finance)); // finance moves no money: nothing to decide

        _h.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        Assert.Equal([(NotificationKind.HoldExpiresWithinDay, hold)], await ForAsync(_h.JinganManager));

        (await _h.Guarantees.CompleteAsync(_h.JinganManager, hold, 10_000)).Unwrap();
        Assert.Empty(await ForAsync(_h.JinganManager));
    }

    [Fact]
    public async Task AHoldNeedingAttention_IsForItsStore_UntilTheFlagIsCleared()
    {
        var hold = await _h.HeldAsync();
        await SetAttentionAsync(hold, true);
        Assert.Equal([(NotificationKind.HoldNeedsAttention, hold)], await ForAsync(_h.JinganManager));
        Assert.Empty(await ForAsync(_h.PudongManager));

        await SetAttentionAsync(hold, false);
        Assert.Empty(await ForAsync(_h.JinganManager));
    }

    [Fact]
    public async Task ABulkRun_IsItsStartersOnly_WorkingThenFinished_UntilSeen()
    {
        var starter = await _h.StaffManagerAsync("jingan@poslink.test", "静安经理", _h.Jingan.StoreId);
        var hold = (await _h.Guarantees.TakeAsync(starter, new TakeHold(_h.Jingan.Id, 5_000, PosLink.Domain.Gateway.Messages.PayMode.CodeScan, "134567890123456789"))).Unwrap().GuaranteeId;
        var bulk = _h.Services.GetRequiredService<BulkService>();
        var run = (await bulk.StartAsync(starter, BulkKind.Void, [hold], "退房")).Unwrap().RunId!.Value;

        var working = Assert.Single((await Notifications.ForAsync(starter, Window)).Items);
        Assert.Equal((NotificationKind.BulkRunWorking, run, (int?)0, (int?)1), (working.Kind, working.SubjectId, working.Done, working.Of));
        Assert.Empty(await ForAsync(_h.JinganManager)); // another manager of the same store

        await _h.Services.GetRequiredService<BulkRunner>().RunAsync(run);
        var finished = Assert.Single((await Notifications.ForAsync(starter, Window)).Items);
        Assert.Equal((NotificationKind.BulkRunFinished, run, (int?)1, (int?)1), (finished.Kind, finished.SubjectId, finished.Done, finished.Of));

        await bulk.MarkSeenAsync(_h.JinganManager, run); // not theirs to see off
        Assert.Single((await Notifications.ForAsync(starter, Window)).Items);
        await bulk.MarkSeenAsync(starter, run);
        Assert.Empty((await Notifications.ForAsync(starter, Window)).Items);
    }

    [Fact]
    public async Task AnOpenDifference_IsForFinanceAndAdmins_UntilAccepted()
    {
        var apart = await _h.CompletedAsync(20_000);
        _h.Gateway.Forget(apart.OrderId!);
        (await _h.Reconciliation.RunAsync(_h.Finance, ChinaTime.TradeDate(_h.Time.GetUtcNow()))).Unwrap();
        await using var db = await _h.Contexts.CreateDbContextAsync();
        var difference = await db.SettlementDifferences.SingleAsync();

        Assert.Equal([(NotificationKind.DifferenceOpen, difference.Id)], await ForAsync(_h.Finance));
        Assert.Contains((NotificationKind.DifferenceOpen, difference.Id), await ForAsync(_h.Admin));
        Assert.DoesNotContain(await ForAsync(_h.JinganManager), n => n.Kind == NotificationKind.DifferenceOpen);

        (await _h.Reconciliation.AcceptAsync(_h.Finance, difference.Id, "平台漏记，已电话确认")).Unwrap();
        Assert.Empty(await ForAsync(_h.Finance));
    }

    [Fact]
    public async Task AFailingActivation_IsForAdminsOnly_UntilTheTerminalIsActive()
    {
        _h.Gateway.Next(GatewayEndpoint.ActivateTerminal, new ScriptedGateway.Script(ErrCode: "96"));
        (await _h.Terminals.ActivateAsync(_h.Admin, _h.JinganInactive.Id)).Unwrap();

        Assert.Equal([(NotificationKind.TerminalActivationFailed, (long)_h.JinganInactive.Id)], await ForAsync(_h.Admin));
        Assert.Empty(await ForAsync(_h.JinganManager));
        Assert.Empty(await ForAsync(_h.Finance));

        (await _h.Terminals.ActivateAsync(_h.Admin, _h.JinganInactive.Id)).Unwrap();
        Assert.Empty(await ForAsync(_h.Admin));
    }

    [Fact]
    public async Task ManyExpiringHolds_ListAFew_AndCountThemAll()
    {
        for (var i = 0; i < NotificationQueries.PerKind + 5; i++)
        {
            await _h.HeldAsync(1_000 + i, $"1345678901234{i + 10000:D5}");
        }
        _h.Time.Advance(TimeSpan.FromDays(_h.Options.LifetimeDays) - TimeSpan.FromHours(2));

        var list = await Notifications.ForAsync(_h.JinganManager, Window);

        Assert.Equal((NotificationQueries.PerKind, NotificationQueries.PerKind + 5), (list.Items.Count, list.Count));
    }

    private async Task SetAttentionAsync(long hold, bool needs)
    {
        await using var db = await _h.Contexts.CreateDbContextAsync();
        await db.Guarantees.Where(g => g.Id == hold).ExecuteUpdateAsync(s => s.SetProperty(g => g.NeedsAttention, needs));
    }
}
