using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosLink.Domain.Audit;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Guarantees.Approvals;
using PosLink.Domain.Guarantees.Bulk;
using PosLink.Domain.Notifications;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

/// <summary>
/// Maker–checker above <see cref="GuaranteeOptions.SecondApprovalAboveFen"/> (¥500.00 here): a store manager's
/// completion or void becomes a request, nothing is sent until someone else approves, and a request, a click and a
/// bulk run on the same hold never send twice.
/// </summary>
public sealed class ApprovalTests : IAsyncLifetime
{
    private const long Threshold = 50_000;
    private LedgerHarness _h = default!;
    private Actor _maker = default!;
    private Actor _checker = default!;
    private Actor _pudong = default!;

    private GuaranteeService Guarantees => _h.Services.GetRequiredService<GuaranteeService>();
    private ApprovalQueries Approvals => _h.Services.GetRequiredService<ApprovalQueries>();

    public async Task InitializeAsync()
    {
        _h = await LedgerHarness.CreateAsync();
        _h.Services.GetRequiredService<IOptionsMonitor<GuaranteeOptions>>().CurrentValue.SecondApprovalAboveFen = Threshold;
        _maker = await _h.StaffManagerAsync("maker@poslink.test", "静安经理甲", _h.Jingan.StoreId);
        _checker = await _h.StaffManagerAsync("checker@poslink.test", "静安经理乙", _h.Jingan.StoreId);
        _pudong = await _h.StaffManagerAsync("pudong@poslink.test", "浦东经理", _h.Pudong.StoreId);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<long> HeldAsync(long amountFen = 100_000, Actor? by = null) =>
        (await Guarantees.TakeAsync(by ?? _maker, new TakeHold(_h.Jingan.Id, amountFen, PayMode.CodeScan, "134567890123456789"))).Unwrap().GuaranteeId;

    private int Finalizations => _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization) + _h.Gateway.Count(GatewayEndpoint.VoidAuthorization);

    private async Task<long> RequestIdAsync(long holdId) => (await _h.LoadAsync(holdId)).AwaitingApprovalId!.Value;

    private async Task<List<AuditEntry>> AuditAsync(long holdId)
    {
        await using var db = await _h.Contexts.CreateDbContextAsync();
        var id = holdId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.AsNoTracking().Where(a => a.ObjectType == nameof(Guarantee) && a.ObjectId == id).OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task AboveTheThreshold_NothingIsSent_UntilAnotherManagerApproves_AsTheApproversAction()
    {
        var hold = await HeldAsync();

        var asked = (await Guarantees.CompleteAsync(_maker, hold, 80_000)).Unwrap();
        Assert.Equal((OutcomeKind.AwaitingApproval, GuaranteeStatus.Held), (asked.Kind, asked.Status));
        Assert.Equal(0, Finalizations);

        // Meanwhile nobody else finalizes the hold, not even an admin, and the maker cannot approve their own.
        Assert.Equal("awaiting-approval", (await Guarantees.VoidAsync(_checker, hold, "退房")).Problem?.Code);
        Assert.Equal("awaiting-approval", (await Guarantees.CompleteAsync(_h.Admin, hold, 10_000)).Problem?.Code);
        var request = await RequestIdAsync(hold);
        Assert.Equal(ApprovalProblems.MakerCannotApprove, (await Guarantees.ApproveAsync(_maker, request)).Problem);
        Assert.Equal(0, Finalizations);

        var approved = (await Guarantees.ApproveAsync(_checker, request)).Unwrap();
        Assert.Equal((OutcomeKind.Approved, GuaranteeStatus.Completed), (approved.Kind, approved.Status));
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        var completed = await _h.LoadAsync(hold);
        Assert.Equal((80_000L, "静安经理乙", (long?)null), (completed.CompletedFen, completed.FinalizedByName, completed.AwaitingApprovalId));

        // Approving again sends nothing.
        Assert.Equal("finished", (await Guarantees.ApproveAsync(_h.Admin, request)).Problem?.Code);
        Assert.Equal(1, Finalizations);

        // The trail: the maker asked; the approver completed, with the maker named beside it, and approved.
        var audit = await AuditAsync(hold);
        var asks = Assert.Single(audit, a => a.Action == AuditActions.ApprovalRequest);
        Assert.Equal("静安经理甲", asks.ActorName);
        var complete = Assert.Single(audit, a => a.Action == AuditActions.GuaranteeComplete);
        Assert.Equal("静安经理乙", complete.ActorName);
        Assert.Contains("\"maker\":\"静安经理甲\"", complete.After);
        Assert.Equal("静安经理乙", Assert.Single(audit, a => a.Action == AuditActions.ApprovalApprove).ActorName);
    }

    [Fact]
    public async Task AtTheThreshold_OrByAnAdmin_ItIsSentDirectly()
    {
        var small = await HeldAsync(Threshold);
        Assert.Equal(OutcomeKind.Approved, (await Guarantees.VoidAsync(_maker, small, null)).Unwrap().Kind);
        var large = await HeldAsync();
        Assert.Equal(OutcomeKind.Approved, (await Guarantees.CompleteAsync(_h.Admin, large, 90_000)).Unwrap().Kind);
        Assert.Equal(2, Finalizations);

        // Off (the default), nothing waits.
        _h.Services.GetRequiredService<IOptionsMonitor<GuaranteeOptions>>().CurrentValue.SecondApprovalAboveFen = null;
        var off = await HeldAsync();
        Assert.Equal(OutcomeKind.Approved, (await Guarantees.VoidAsync(_maker, off, null)).Unwrap().Kind);
    }

    [Fact]
    public async Task ARejection_NeedsAReason_SendsNothing_AndLeavesTheHoldHeldAndFree()
    {
        var hold = await HeldAsync();
        (await Guarantees.VoidAsync(_maker, hold, "退房")).Unwrap();
        var request = await RequestIdAsync(hold);

        Assert.Equal(ApprovalProblems.ReasonRequired, (await Guarantees.RejectAsync(_checker, request, "  ")).Problem);
        Assert.Equal(request, (await _h.LoadAsync(hold)).AwaitingApprovalId);
        (await Guarantees.RejectAsync(_checker, request, "押金未结清")).Unwrap();

        var after = await _h.LoadAsync(hold);
        Assert.Equal((GuaranteeStatus.Held, (long?)null), (after.Status, after.AwaitingApprovalId));
        Assert.Equal(0, Finalizations);
        var row = Assert.Single((await Approvals.ListAsync(_maker)).Recent);
        Assert.Equal((ApprovalState.Rejected, "押金未结清", "静安经理乙"), (row.State, row.RejectionReason, row.DecidedByName));

        // Free again: the maker may ask anew, and a rejected request cannot be approved after all.
        Assert.Equal(OutcomeKind.AwaitingApproval, (await Guarantees.VoidAsync(_maker, hold, null)).Unwrap().Kind);
        Assert.Equal("finished", (await Guarantees.ApproveAsync(_checker, request)).Problem?.Code);
        Assert.Equal(0, Finalizations);
    }

    [Fact]
    public async Task AnotherStoresManager_NeitherSeesNorDecidesTheRequest()
    {
        var hold = await HeldAsync();
        (await Guarantees.CompleteAsync(_maker, hold, 60_000)).Unwrap();
        var request = await RequestIdAsync(hold);

        Assert.Empty((await Approvals.ListAsync(_pudong)).Pending);
        Assert.Null(await Approvals.OpenForHoldAsync(_pudong, hold));
        Assert.Equal(0, await Approvals.WaitingForAsync(_pudong));
        Assert.Equal(ApprovalProblems.NotFound, (await Guarantees.ApproveAsync(_pudong, request)).Problem);
        Assert.Equal(ApprovalProblems.NotFound, (await Guarantees.RejectAsync(_pudong, request, "不是我的店")).Problem);
        Assert.Equal(ApprovalProblems.NotFound, (await Guarantees.WithdrawAsync(_pudong, request)).Problem);
        // Finance sees it but decides nothing.
        Assert.Equal(ApprovalProblems.CannotDecide, (await Guarantees.RejectAsync(_h.Finance, request, "财务")).Problem);
        Assert.Equal(0, Finalizations);

        // Those who may approve see it, on their list, their dashboard count and their notifications; the maker only on the list.
        var pending = Assert.Single((await Approvals.ListAsync(_checker)).Pending);
        Assert.Equal((request, true, false, 60_000L), (pending.Id, pending.MayDecide, pending.IsMine, pending.AmountFen));
        var mine = Assert.Single((await Approvals.ListAsync(_maker)).Pending);
        Assert.Equal((false, true), (mine.MayDecide, mine.IsMine));
        Assert.Equal((1, 0, 1), (await Approvals.WaitingForAsync(_checker), await Approvals.WaitingForAsync(_maker), await Approvals.WaitingForAsync(_h.Admin)));
        var notifications = _h.Services.GetRequiredService<NotificationQueries>();
        Assert.Contains((await notifications.ForAsync(_checker, TimeSpan.FromDays(3))).Items, n => n.Kind == NotificationKind.ApprovalWaiting && n.SubjectId == request);
        Assert.DoesNotContain((await notifications.ForAsync(_pudong, TimeSpan.FromDays(3))).Items, n => n.Kind == NotificationKind.ApprovalWaiting);
        Assert.DoesNotContain((await notifications.ForAsync(_maker, TimeSpan.FromDays(3))).Items, n => n.Kind == NotificationKind.ApprovalWaiting);
    }

    [Fact]
    public async Task ARequestLapses_AfterItsTime_AndTheHoldIsFreeAgain()
    {
        var hold = await HeldAsync();
        (await Guarantees.VoidAsync(_maker, hold, null)).Unwrap();
        var request = await RequestIdAsync(hold);
        _h.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        Assert.Equal("finished", (await Guarantees.ApproveAsync(_checker, request)).Problem?.Code);
        Assert.Equal(0, Finalizations);
        Assert.Equal(ApprovalState.Expired, Assert.Single((await Approvals.ListAsync(_checker)).Recent).State);
        Assert.Equal(0, await Approvals.WaitingForAsync(_checker));
        // Nobody waits on it now: an admin voids directly.
        Assert.Equal(OutcomeKind.Approved, (await Guarantees.VoidAsync(_h.Admin, hold, null)).Unwrap().Kind);
        Assert.Equal(1, Finalizations);
    }

    [Fact]
    public async Task TheMakerMayWithdraw_NobodyElse()
    {
        var hold = await HeldAsync();
        (await Guarantees.VoidAsync(_maker, hold, null)).Unwrap();
        var request = await RequestIdAsync(hold);

        Assert.Equal(ApprovalProblems.OnlyMakerWithdraws, (await Guarantees.WithdrawAsync(_checker, request)).Problem);
        (await Guarantees.WithdrawAsync(_maker, request)).Unwrap();
        Assert.Null((await _h.LoadAsync(hold)).AwaitingApprovalId);
        Assert.Equal(ApprovalState.Withdrawn, Assert.Single((await Approvals.ListAsync(_maker)).Recent).State);
        Assert.Equal(0, Finalizations);
    }

    [Fact]
    public async Task ARequestAndABulkRun_OnTheSameHold_NeverBothSend()
    {
        var bulk = _h.Services.GetRequiredService<BulkService>();
        var runner = _h.Services.GetRequiredService<BulkRunner>();
        var asked = await HeldAsync();
        var other = await HeldAsync();
        (await Guarantees.CompleteAsync(_maker, asked, 70_000)).Unwrap();

        // An admin's bulk void of both (a member of staff: the runner reads its starter afresh): the one awaiting approval is skipped, the other is sent.
        var staff = _h.Services.GetRequiredService<StaffService>();
        var admin = (await staff.CreateAsync(_h.Admin, new StaffDraft("admin@poslink.test", "管理员乙", StaffRole.Admin, []), "a long test passphrase")).Unwrap();
        var run = (await bulk.StartAsync((await staff.ActorForAsync(admin.Id))!, BulkKind.Void, [asked, other], "退房")).Unwrap().RunId!.Value;
        await runner.RunAsync(run);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.VoidAuthorization));
        Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(asked)).Status);
        var skipped = Assert.Single((await _h.Services.GetRequiredService<BulkQueries>().RunAsync(_h.Admin, run))!.Items, i => i.State == BulkItemState.Skipped);
        Assert.Equal((asked, "Problem.HoldAwaitingApproval"), (skipped.GuaranteeId, PosLink.Domain.Text.Phrase.Read(skipped.Problem)?.Key));

        // The approval then sends the completion, once.
        (await Guarantees.ApproveAsync(_checker, await RequestIdAsync(asked))).Unwrap();
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        Assert.Equal(2, Finalizations);
    }

    [Fact]
    public async Task AManagersBulkRunAboveTheThreshold_BecomesRequests_EachSentOnceWhenApproved()
    {
        var bulk = _h.Services.GetRequiredService<BulkService>();
        var runner = _h.Services.GetRequiredService<BulkRunner>();
        var large = new[] { await HeldAsync(), await HeldAsync(60_000) };
        var small = await HeldAsync(20_000);

        var run = (await bulk.StartAsync(_maker, BulkKind.Complete, [.. large, small], null)).Unwrap().RunId!.Value;
        await runner.RunAsync(run);

        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        var items = (await _h.Services.GetRequiredService<BulkQueries>().RunAsync(_maker, run))!;
        Assert.Equal((2, 1), (items.Count(BulkItemState.AwaitingApproval), items.Count(BulkItemState.Done)));
        var pending = (await Approvals.ListAsync(_checker)).Pending;
        Assert.Equal(large.Order(), pending.Select(p => p.GuaranteeId).Order());

        // Approved concurrently with a rerun of the run and an admin's click: each hold is sent exactly once.
        await Task.WhenAll(pending.Select(p => Task.Run(() => Guarantees.ApproveAsync(_checker, p.Id)))
            .Concat(large.Select(id => Task.Run(() => Guarantees.VoidAsync(_h.Admin, id, null))))
            .Append(Task.Run(async () => { await runner.RunAsync(run); return default(PosLink.Domain.Common.Result<GuaranteeOutcome>); })));
        Assert.Equal(3, Finalizations);
        foreach (var id in large)
        {
            var hold = await _h.LoadAsync(id);
            Assert.True(hold.Status is GuaranteeStatus.Completed or GuaranteeStatus.Voided, $"hold {id} is {hold.Status}");
        }
    }
}
