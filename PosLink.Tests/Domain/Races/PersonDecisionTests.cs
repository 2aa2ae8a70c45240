using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Finance;
using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>
/// A person's decision never loses money: a confirmation waits while a request of the hold may still be answered and
/// counts as an action on the hold (answers to queries sent before it are stale); an answer that contradicts a hold a
/// person settled goes to a person and stays correctable; a hold confirmed as held can be completed.
/// </summary>
public class PersonDecisionTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="PersonDecisionTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private DateOnly Today => ChinaTime.TradeDate(_h.Time.GetUtcNow());

    /// <summary>Starts a completion of ¥150 the platform performs at once but whose 00 waits for the returned signal.</summary>
    private async Task<(Task<PosLink.Domain.Common.Result<GuaranteeOutcome>> Completion, TaskCompletionSource Approval)> SlowCompletionAsync(long id)
    {
        var approval = new TaskCompletionSource();
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(AnswerAfter: approval.Task));
        var completion = _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000);
        await Eventually.TrueAsync(() => Task.FromResult(_h.Gateway.Count(GatewayEndpoint.CompleteAuthorization) == 1), "the completion was sent");
        return (completion, approval);
    }

    [Fact]
    public async Task AConfirmation_WaitsWhileTheHoldsCompletionMayStillBeAnswered_AndTheLateApprovalCompletesIt()
    {
        // Past its lifetime, the platform still says 担保中: flagged for a person, and still completable.
        var id = await _h.HeldAsync(20_000);
        _h.Time.Advance(TimeSpan.FromDays(_h.Options.LifetimeDays) + TimeSpan.FromHours(1));
        await _h.Reconciler.CheckAsync(Actor.System, id);
        Assert.True((await _h.LoadAsync(id)).NeedsAttention);

        var (completion, approval) = await SlowCompletionAsync(id);
        _h.Time.Advance(TimeSpan.FromSeconds(3));
        var confirmed = await _h.Guarantees.ConfirmAsync(_h.Admin, id, ConfirmedAs.Voided, null, "平台显示已撤销");

        Assert.False(confirmed.Succeeded);
        Assert.Equal("awaiting-answer", confirmed.Problem.Code);
        Assert.Equal(GuaranteeStatus.Completing, (await _h.LoadAsync(id)).Status);
        approval.SetResult();
        Assert.Equal(GuaranteeStatus.Completed, (await completion).Unwrap().Status);
        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Completed, 15_000L), (g.Status, g.CompletedFen));
        Assert.NotNull(g.SettlementDate);
    }

    [Fact]
    public async Task AnAnswerToAQuerySentBeforeAPersonConfirmedTheHold_IsStale()
    {
        await using var h = await LedgerHarness.CreateAsync(new DateTimeOffset(2026, 11, 27, 15, 58, 0, TimeSpan.Zero), Provider); // 23:58 China time
        var id = await h.UnansweredTakeAsync(h.Jingan, h.JinganManager, "134567890123456789");
        var trace = (await h.LoadAsync(id)).SystemTraceNum!;
        // After midnight a query by trace no longer finds yesterday's 担保: a person must look.
        h.Time.Advance(TimeSpan.FromMinutes(3));
        await h.Reconciler.CheckAsync(Actor.System, id);
        Assert.True((await h.LoadAsync(id)).NeedsAttention);

        var answer = new TaskCompletionSource();
        h.Gateway.Next(GatewayEndpoint.Query, new ScriptedGateway.Script(AnswerAfter: answer.Task));
        h.Time.Advance(TimeSpan.FromMinutes(2));
        var check = h.Reconciler.CheckAsync(Actor.System, id);
        await Eventually.TrueAsync(() => Task.FromResult(h.Gateway.Count(GatewayEndpoint.Query) == 2), "the query was sent");
        // Meanwhile the admin reads the order id off the platform and confirms the hold as held.
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var orderId = h.Gateway.OrderIdByTrace(trace)!;
        Assert.Equal(GuaranteeStatus.Held, (await h.Guarantees.ConfirmAsync(h.Admin, id, ConfirmedAs.Held, null, "银商平台显示担保中", orderId)).Unwrap().Status);

        // The earlier query's "not found" describes the moment before the confirmation: it changes nothing.
        h.Time.Advance(TimeSpan.FromMinutes(1));
        answer.SetResult();
        await check;
        var g = await h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Held, false, orderId), (g.Status, g.NeedsAttention, g.OrderId));
    }

    [Fact]
    public async Task ACompletionApprovedAfterAPersonVoidedTheHold_GoesToAPerson_AndReconciliationFindsIt_AndAReSyncCorrectsIt()
    {
        var id = await _h.HeldAsync(20_000);
        var (completion, approval) = await SlowCompletionAsync(id);
        _h.Time.Advance(_h.AnswerWindow + TimeSpan.FromSeconds(1));
        (await _h.Guarantees.ConfirmAsync(_h.Admin, id, ConfirmedAs.Voided, null, "门店说顾客已取消")).Unwrap();
        approval.SetResult();
        await completion;

        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Voided, true, (DateOnly?)null), (g.Status, g.NeedsAttention, g.SettlementDate));
        Assert.True(g.CheckAgainstGateway);

        // Reconciliation asks about it though no settlement date names it.
        var run = (await _h.Reconciliation.RunAsync(_h.Finance, Today)).Unwrap();
        Assert.Equal(1, run.Differences);
        var difference = Assert.Single(await _h.Differences.DifferencesAsync(_h.Finance, new DifferenceFilter()));
        Assert.Equal((id, DifferenceKind.StatusMismatch, GuaranteeStatus.Voided, GuaranteeStatus.Completed, 15_000L),
            (difference.GuaranteeId, difference.Kind, difference.OurStatus, difference.TheirStatus, difference.TheirFen));

        (await _h.Reconciliation.ResyncAsync(_h.Finance, difference.Id)).Unwrap();
        g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Completed, 15_000L, false, false), (g.Status, g.CompletedFen, g.NeedsAttention, g.CheckAgainstGateway));
        Assert.Equal((Today, true), (g.SettlementDate, g.SettlementDateEstimated));
    }

    [Fact]
    public async Task APersonsConfirmation_IsCheckedByReconciliation_UntilTheGatewayAgrees()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.VoidAuthorization, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout));
        await _h.Guarantees.VoidAsync(_h.JinganManager, id, "顾客取消");
        _h.Time.Advance(_h.AnswerWindow + TimeSpan.FromSeconds(1));
        (await _h.Guarantees.ConfirmAsync(_h.Admin, id, ConfirmedAs.Voided, null, "银商平台显示已撤销")).Unwrap();
        Assert.True((await _h.LoadAsync(id)).CheckAgainstGateway);

        var run = (await _h.Reconciliation.RunAsync(_h.Finance, Today)).Unwrap();

        Assert.Equal((1, 1, 0), (run.Checked, run.Agreed, run.Differences));
        Assert.False((await _h.LoadAsync(id)).CheckAgainstGateway);
    }

    /// <summary>A 担保 whose answer was lost just before midnight (the platform took it); after midnight a query by trace cannot find it.</summary>
    private static async Task<(LedgerHarness H, long Id, string OrderId)> LostBeforeMidnightAsync(DatabaseProvider provider)
    {
        var h = await LedgerHarness.CreateAsync(new DateTimeOffset(2026, 11, 27, 15, 58, 0, TimeSpan.Zero), provider);
        var id = await h.UnansweredTakeAsync(h.Jingan, h.JinganManager, "134567890123456789");
        h.Time.Advance(TimeSpan.FromMinutes(3));
        await h.Reconciler.CheckAsync(Actor.System, id);
        var hold = await h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Authorizing, true), (hold.Status, hold.NeedsAttention));
        return (h, id, h.Gateway.OrderIdByTrace(hold.SystemTraceNum!)!);
    }

    [Fact]
    public async Task ConfirmingHeld_WithoutTheOrderId_OrWithOneThatIsNotThisHold_ChangesNothing_WithTheRightOne_TheHoldCanBeCompleted()
    {
        var (h, id, orderId) = await LostBeforeMidnightAsync(Provider);
        await using var _ = h;
        var other = h.Gateway.HoldTakenElsewhere("898310148160568", "JA000001", "000777", 30_000, "281234567890123456");

        var missing = await h.Guarantees.ConfirmAsync(h.Admin, id, ConfirmedAs.Held, null, "平台显示担保中");
        var unknown = await h.Guarantees.ConfirmAsync(h.Admin, id, ConfirmedAs.Held, null, "平台显示担保中", "20261127999999999999");
        var notThis = await h.Guarantees.ConfirmAsync(h.Admin, id, ConfirmedAs.Held, null, "平台显示担保中", other);

        Assert.Equal(("orderId", "orderId", "orderId"), (missing.Problem?.Field, unknown.Problem?.Field, notThis.Problem?.Field));
        var unchanged = await h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Authorizing, (string?)null), (unchanged.Status, unchanged.OrderId));

        (await h.Guarantees.ConfirmAsync(h.Admin, id, ConfirmedAs.Held, null, "平台显示担保中", orderId)).Unwrap();
        var held = await h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Held, orderId, false), (held.Status, held.OrderId, held.NeedsAttention));
        Assert.NotNull(held.AuthorizationCode);
        Assert.Equal(GuaranteeStatus.Completed, (await h.Guarantees.CompleteAsync(h.JinganManager, id, 15_000)).Unwrap().Status);
        Assert.Equal(1, h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
    }

    [Fact]
    public async Task AHoldWithNeitherItsOrderIdNorItsOriginals_CannotBeCompletedOrVoided_AndNothingIsRecordedOrSent()
    {
        // A hold an earlier version confirmed as held without the platform's identity.
        var id = await _h.HeldAsync(20_000);
        await using (var db = await _h.Contexts.CreateDbContextAsync())
        {
            await db.Guarantees.Where(g => g.Id == id).ExecuteUpdateAsync(s => s.SetProperty(g => g.OrderId, (string?)null).SetProperty(g => g.AuthorizationCode, (string?)null));
        }
        var before = (await _h.OperationsAsync(id)).Count;

        var completed = await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000);
        var voided = await _h.Guarantees.VoidAsync(_h.JinganManager, id, "顾客取消");

        Assert.Equal(("unidentified", "unidentified"), (completed.Problem?.Code, voided.Problem?.Code));
        Assert.Equal(before, (await _h.OperationsAsync(id)).Count);
        Assert.Equal(1, _h.Gateway.MoneyMovingCount);
        Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(id)).Status);
    }

    [Fact]
    public async Task AnAdminsImportByOrderIdIntoAnotherTerminal_FindsPosLinksOwnHoldAwaitingItsAnswer_InsteadOfAddingASecond()
    {
        var id = await _h.UnansweredTakeAsync(_h.Jingan, _h.JinganManager, "134567890123456789");
        var orderId = _h.Gateway.OrderIdByTrace((await _h.LoadAsync(id)).SystemTraceNum!)!;

        var imported = (await _h.Guarantees.ImportAsync(_h.Admin, _h.Pudong.Id, orderId)).Unwrap();

        Assert.Equal(id, imported.GuaranteeId);
        await using var db = await _h.Contexts.CreateDbContextAsync();
        var only = await db.Guarantees.AsNoTracking().SingleAsync();
        Assert.Equal((GuaranteeStatus.Held, orderId, _h.Jingan.Id), (only.Status, only.OrderId, only.TerminalId));
    }

    [Fact]
    public async Task AnImportByOrderId_FindsAHoldAnEarlierVersionConfirmedWithoutIt()
    {
        var id = await _h.HeldAsync(20_000);
        var orderId = (await _h.LoadAsync(id)).OrderId!;
        await using (var db = await _h.Contexts.CreateDbContextAsync())
        {
            await db.Guarantees.Where(g => g.Id == id).ExecuteUpdateAsync(s => s.SetProperty(g => g.OrderId, (string?)null));
        }

        var imported = (await _h.Guarantees.ImportAsync(_h.Admin, _h.Jingan.Id, orderId)).Unwrap();

        Assert.Equal(id, imported.GuaranteeId);
        Assert.Equal(orderId, (await _h.LoadAsync(id)).OrderId);
        await using var check = await _h.Contexts.CreateDbContextAsync();
        Assert.Equal(1, await check.Guarantees.CountAsync());
    }
}

/// <summary>Every test of <see cref="PersonDecisionTests"/>, on PostgreSQL.</summary>
public sealed class PersonDecisionTestsOnPostgres : PersonDecisionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
