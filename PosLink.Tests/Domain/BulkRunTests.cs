using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Guarantees.Bulk;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Domain.Text;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

/// <summary>Bulk complete and void: the server decides what is in a run, each hold is sent once, and nothing twice.</summary>
public sealed class BulkRunTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;
    private Actor _jingan = default!;
    private Actor _pudong = default!;

    private BulkService Bulk => _h.Services.GetRequiredService<BulkService>();
    private BulkRunner Runner => _h.Services.GetRequiredService<BulkRunner>();
    private BulkQueries Runs => _h.Services.GetRequiredService<BulkQueries>();

    public async Task InitializeAsync()
    {
        _h = await LedgerHarness.CreateAsync();
        // The runner reads its starter's rights afresh, so the managers here are real members of staff.
        _jingan = await _h.StaffManagerAsync("jingan@poslink.test", "静安经理", _h.Jingan.StoreId);
        _pudong = await _h.StaffManagerAsync("pudong@poslink.test", "浦东经理", _h.Pudong.StoreId);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<List<long>> HeldAsync(int count, Terminal terminal, Actor actor, long amountFen = 10_000)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var outcome = (await _h.Guarantees.TakeAsync(actor, new TakeHold(terminal.Id, amountFen + i, PayMode.CodeScan, $"1345678901234{i:D5}"))).Unwrap();
            ids.Add(outcome.GuaranteeId);
        }
        return ids;
    }

    [Fact]
    public async Task ARun_CompletesEachHoldAtItsHeldAmount_OnceEach_AndSkipsOneSomeoneElseFinalizedMeanwhile()
    {
        var ids = await HeldAsync(10, _h.Jingan, _jingan);
        var started = (await Bulk.StartAsync(_jingan, BulkKind.Complete, ids, reason: null)).Unwrap();
        Assert.Equal((10, 10 * 10_000L + 45, 0), (started.Count, started.TotalFen, started.LeftOut));
        Assert.Equal(0, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization)); // recorded, not sent: the runner sends

        // Between the selection and the run, another manager's click voids one of them.
        (await _h.Guarantees.VoidAsync(_h.Admin, ids[3], "顾客取消")).Unwrap();
        await Runner.RunAsync(started.RunId!.Value);

        Assert.Equal(9, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        var run = (await Runs.RunAsync(_jingan, started.RunId.Value))!;
        Assert.NotNull(run.FinishedAt);
        Assert.Equal((9, 1), (run.Count(BulkItemState.Done), run.Count(BulkItemState.Skipped)));
        var skipped = Assert.Single(run.Items, i => i.State == BulkItemState.Skipped);
        Assert.Equal((ids[3], "Problem.HoldAlreadyVoided"), (skipped.GuaranteeId, Phrase.Read(skipped.Problem)?.Key));
        foreach (var id in ids.Where(id => id != ids[3]))
        {
            var hold = await _h.LoadAsync(id);
            Assert.Equal((GuaranteeStatus.Completed, hold.HeldFen), (hold.Status, hold.CompletedFen));
        }

        // Running the run again, or starting the same selection again, sends nothing.
        await Runner.RunAsync(started.RunId.Value);
        var again = await Bulk.StartAsync(_jingan, BulkKind.Complete, ids, reason: null);
        Assert.Equal("Problem.BulkNoneHeld", again.Problem?.Message.Key);
        Assert.Equal(9, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
    }

    [Fact]
    public async Task AManagersForgedSelection_WithAnotherStoresIds_TouchesNoneOfThem()
    {
        var pudong = await HeldAsync(3, _h.Pudong, _pudong);
        var forged = await Bulk.StartAsync(_jingan, BulkKind.Void, pudong, "伪造");
        Assert.Equal("Problem.BulkNoneHeld", forged.Problem?.Message.Key);

        // Mixed with one of their own, only their own goes in the run; the others are left out, not named.
        var own = await HeldAsync(1, _h.Jingan, _jingan);
        var mixed = (await Bulk.StartAsync(_jingan, BulkKind.Void, [.. pudong, .. own, 999_999], "退房")).Unwrap();
        Assert.Equal(own, mixed.GuaranteeIds);
        Assert.Equal(4, mixed.LeftOut);
        await Runner.RunAsync(mixed.RunId!.Value);

        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.VoidAuthorization));
        foreach (var id in pudong)
        {
            Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(id)).Status);
        }
        // Nor can they read another manager's run.
        Assert.Null(await Runs.RunAsync(_pudong, mixed.RunId.Value));
    }

    [Fact]
    public async Task TwoRunnersOfOneRun_SendEachHoldOnce()
    {
        var ids = await HeldAsync(12, _h.Jingan, _jingan);
        var run = (await Bulk.StartAsync(_jingan, BulkKind.Complete, ids, null)).Unwrap().RunId!.Value;

        await Task.WhenAll(Task.Run(() => Runner.RunAsync(run)), Task.Run(() => Runner.RunAsync(run)));

        Assert.Equal(12, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        Assert.Equal(12, (await Runs.RunAsync(_jingan, run))!.Count(BulkItemState.Done));
    }

    [Fact]
    public async Task ADeclineIsRefused_AndNoAnswerWaits_ForTheHoldsOwnQueries()
    {
        var ids = await HeldAsync(3, _h.Jingan, _jingan);
        var run = (await Bulk.StartAsync(_jingan, BulkKind.Complete, ids, null)).Unwrap().RunId!.Value;
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: false, ErrCode: "51"));
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Unanswered: UnansweredReason.Timeout));
        _h.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<GuaranteeOptions>>().CurrentValue.BulkMaxInFlight = 1; // in id order

        await Runner.RunAsync(run);

        var view = (await Runs.RunAsync(_jingan, run))!;
        Assert.Equal([BulkItemState.Refused, BulkItemState.Waiting, BulkItemState.Done], view.Items.Select(i => i.State));
        Assert.Equal("Problem.Declined", Phrase.Read(view.Items[0].Problem)?.Key);
        Assert.Equal(GuaranteeStatus.Completing, view.Items[1].HoldStatus);
        Assert.Equal(10_002, view.DoneFen);

        // The status query settles the waiting one like any other hold; the run shows where it stands now.
        await _h.SettleAsync();
        Assert.Equal(GuaranteeStatus.Completed, (await Runs.RunAsync(_jingan, run))!.Items[1].HoldStatus);
    }

    [Fact]
    public async Task AStarterWhoLostTheStore_SendsNothingMore()
    {
        var ids = await HeldAsync(2, _h.Jingan, _jingan);
        var run = (await Bulk.StartAsync(_jingan, BulkKind.Complete, ids, null)).Unwrap().RunId!.Value;
        var staff = _h.Services.GetRequiredService<StaffService>();
        (await staff.ChangeAsync(_h.Admin, _jingan.UserId, new StaffDraft("jingan@poslink.test", "静安经理", StaffRole.StoreManager, [_h.Pudong.StoreId]))).Unwrap();

        await Runner.RunAsync(run);

        Assert.Equal(0, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        Assert.All((await Runs.RunAsync(_h.Admin, run))!.Items, i => Assert.Equal((BulkItemState.Skipped, "Problem.BulkStarterCannotAct"), (i.State, Phrase.Read(i.Problem)?.Key)));
    }

    [Fact]
    public async Task ASelectionOverTheLimit_IsRefusedWithTheLimitAndTheCount()
    {
        var tooMany = Enumerable.Range(1, Bulk.Limit + 1).Select(i => (long)i).ToList();
        var refused = await Bulk.StartAsync(_jingan, BulkKind.Complete, tooMany, null);
        Assert.Equal(("Problem.BulkTooMany", "selection"), (refused.Problem?.Message.Key, refused.Problem?.Field));
        Assert.Equal([200, 201], refused.Problem!.Message.Args);
        Assert.Equal("Problem.YourRoleMayViewHolds", (await Bulk.StartAsync(_h.Finance, BulkKind.Void, [1], "x")).Problem?.Message.Key);
        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.BulkRuns.CountAsync());
    }

    [Fact]
    public async Task SelectAllThatMatch_StopsAtTheLimit_AndSaysMoreMatched()
    {
        _h.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<GuaranteeOptions>>().CurrentValue.BulkLimit = 5;
        await HeldAsync(7, _h.Jingan, _jingan);
        await HeldAsync(2, _h.Pudong, _pudong);

        var matches = await Bulk.MatchingAsync(_jingan, new GuaranteeFilter(), GuaranteeSort.Newest);

        Assert.Equal((5, true), (matches.GuaranteeIds.Count, matches.MoreThanLimit));
        foreach (var id in matches.GuaranteeIds)
        {
            Assert.Equal(_h.Jingan.StoreId, (await _h.LoadAsync(id)).StoreId);
        }
    }
}
