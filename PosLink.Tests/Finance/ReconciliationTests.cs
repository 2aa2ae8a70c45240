using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Finance;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Finance;

/// <summary>The nightly check against the gateway: each kind of difference when the platform's record is changed behind PosLink's back.</summary>
public class ReconciliationTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="ReconciliationTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private DateOnly Today => ChinaTime.TradeDate(_h.Time.GetUtcNow());

    private async Task<IReadOnlyList<DifferenceRow>> OpenAsync() => await _h.Differences.DifferencesAsync(_h.Finance, new DifferenceFilter());

    private async Task<Guarantee> VoidedAsync(long heldFen)
    {
        var id = await _h.HeldAsync(heldFen);
        (await _h.Guarantees.VoidAsync(_h.JinganManager, id)).Unwrap();
        return await _h.LoadAsync(id);
    }

    [Fact]
    public async Task ACleanDay_HasNoDifferences_AndSaysWhenItWasChecked()
    {
        await _h.CompletedAsync(20_000, 15_000);
        await VoidedAsync(8_000);
        _h.Time.Advance(TimeSpan.FromMinutes(5));

        var run = (await _h.Reconciliation.RunAsync(_h.Finance, Today)).Unwrap();

        Assert.Equal((2, 2, 0, 0), (run.Checked, run.Agreed, run.Differences, run.NotChecked));
        Assert.Empty(await OpenAsync());
        var day = await _h.Differences.DayAsync(_h.Finance, Today);
        Assert.True(day.Clean);
        Assert.Equal(_h.Time.GetUtcNow(), day.LastRun!.FinishedAt);
    }

    [Fact]
    public async Task EachGatewayDisagreement_IsRecordedWithItsKindAndBothSides()
    {
        var voidedThere = await _h.CompletedAsync(20_000);
        _h.Gateway.SetStatus(voidedThere.OrderId!, SecureStatus.Voided);
        var completedThere = await VoidedAsync(30_000);
        _h.Gateway.CompleteElsewhere(completedThere.OrderId!, 30_000);
        var otherAmount = await _h.CompletedAsync(40_000, 35_000);
        _h.Gateway.ChangeCompletedAmount(otherAmount.OrderId!, 34_000);
        var unknown = await _h.CompletedAsync(10_000);
        _h.Gateway.Forget(unknown.OrderId!);
        await _h.CompletedAsync(5_000);                        // agrees

        var run = (await _h.Reconciliation.RunAsync(_h.Finance, Today)).Unwrap();

        Assert.Equal((5, 1, 4), (run.Checked, run.Agreed, run.Differences));
        var open = (await OpenAsync()).ToDictionary(d => d.GuaranteeId!.Value);
        Assert.Equal(4, open.Count);
        Assert.Equal((DifferenceKind.StatusMismatch, GuaranteeStatus.Completed, GuaranteeStatus.Voided), (open[voidedThere.Id].Kind, open[voidedThere.Id].OurStatus, open[voidedThere.Id].TheirStatus));
        Assert.Equal((DifferenceKind.StatusMismatch, GuaranteeStatus.Voided, GuaranteeStatus.Completed, 30_000L), (open[completedThere.Id].Kind, open[completedThere.Id].OurStatus, open[completedThere.Id].TheirStatus, open[completedThere.Id].TheirFen));
        Assert.Equal((DifferenceKind.AmountMismatch, DifferenceFields.Completed, 35_000L, 34_000L), (open[otherAmount.Id].Kind, open[otherAmount.Id].Field, open[otherAmount.Id].OurFen, open[otherAmount.Id].TheirFen));
        Assert.Equal(DifferenceKind.UnknownToGateway, open[unknown.Id].Kind);
        Assert.All(open.Values, d => Assert.Equal((DifferenceSource.Gateway, Today), (d.Source, d.SettlementDate)));
        // Checking changes no hold: our record stays ours until a person re-syncs it.
        Assert.Equal(GuaranteeStatus.Completed, (await _h.LoadAsync(voidedThere.Id)).Status);
        Assert.False((await _h.Differences.DayAsync(_h.Finance, Today)).Clean);
    }

    [Fact]
    public async Task CheckingAgain_AddsNoDuplicate_AndClearsWhatNowAgrees()
    {
        var apart = await _h.CompletedAsync(20_000);
        _h.Gateway.ChangeCompletedAmount(apart.OrderId!, 19_000);
        await _h.Reconciliation.RunAsync(_h.Finance, Today);
        var first = Assert.Single(await OpenAsync());

        _h.Time.Advance(TimeSpan.FromHours(1));
        await _h.Reconciliation.RunAsync(_h.Finance, Today);
        var again = Assert.Single(await OpenAsync());
        Assert.Equal((first.Id, first.FoundAt), (again.Id, again.FoundAt));
        Assert.Equal(_h.Time.GetUtcNow(), again.LastSeenAt);

        _h.Gateway.ChangeCompletedAmount(apart.OrderId!, 20_000);
        await _h.Reconciliation.RunAsync(_h.Finance, Today);
        Assert.Empty(await OpenAsync());
        var cleared = Assert.Single(await _h.Differences.DifferencesAsync(_h.Finance, new DifferenceFilter(State: null)));
        Assert.Equal(DifferenceState.Cleared, cleared.State);
    }

    [Fact]
    public async Task ASecondRunForTheSameDate_IsRefusedWhileTheFirstIsAskingTheGateway()
    {
        var held = await _h.CompletedAsync(20_000);
        var answer = new TaskCompletionSource();
        _h.Gateway.Next(GatewayEndpoint.Query, new ScriptedGateway.Script(AnswerAfter: answer.Task));
        var first = _h.Reconciliation.RunAsync(_h.Finance, Today);
        await Eventually.TrueAsync(() => Task.FromResult(_h.Gateway.Count(GatewayEndpoint.Query) == 1), "the first run asked the gateway");

        var second = await _h.Reconciliation.RunAsync(_h.Admin, Today);

        Assert.Equal("running", second.Problem!.Code);
        Assert.True((await _h.Differences.DayAsync(_h.Finance, Today)).Running);
        answer.SetResult();
        Assert.Equal(1, (await first).Unwrap().Agreed);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.Query));
        Assert.Equal(held.Id, (await _h.OperationsAsync(held.Id)).Last(o => o.Endpoint == GatewayEndpoint.Query).GuaranteeId);
    }

    [Fact]
    public async Task AStoreManager_MayNotReconcile_NorResolve()
    {
        var apart = await _h.CompletedAsync(20_000);
        _h.Gateway.Forget(apart.OrderId!);
        await _h.Reconciliation.RunAsync(_h.Finance, Today);
        var difference = Assert.Single(await OpenAsync());

        Assert.Equal(FinanceProblems.OnlyFinance, (await _h.Reconciliation.RunAsync(_h.JinganManager, Today)).Problem);
        Assert.Equal(FinanceProblems.OnlyFinance, (await _h.Reconciliation.AcceptAsync(_h.JinganManager, difference.Id, "ok")).Problem);
        Assert.Equal(FinanceProblems.OnlyFinance, (await _h.Reconciliation.ResyncAsync(_h.JinganManager, difference.Id)).Problem);
        Assert.Equal(DifferenceState.Open, Assert.Single(await OpenAsync()).State);
    }

    [Fact]
    public async Task Accepting_NeedsANote_AndIsAudited()
    {
        var apart = await _h.CompletedAsync(20_000);
        _h.Gateway.ChangeCompletedAmount(apart.OrderId!, 19_000);
        await _h.Reconciliation.RunAsync(_h.Finance, Today);
        var difference = Assert.Single(await OpenAsync());

        var blank = await _h.Reconciliation.AcceptAsync(_h.Finance, difference.Id, "   ");
        Assert.Equal("note", blank.Problem!.Field);
        Assert.Single(await OpenAsync());

        var accepted = (await _h.Reconciliation.AcceptAsync(_h.Finance, difference.Id, "银商已确认手续费差额")).Unwrap();
        Assert.Equal((DifferenceState.Accepted, "财务", "银商已确认手续费差额"), (accepted.State, accepted.ResolvedByName, accepted.ResolutionNote));
        Assert.Empty(await OpenAsync());
        var again = await _h.Reconciliation.AcceptAsync(_h.Admin, difference.Id, "twice");
        Assert.Equal("resolved", again.Problem!.Code);

        await using var db = await _h.Contexts.CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.DifferenceAccept);
        Assert.Equal(("finance-id", difference.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (audit.ActorUserId, audit.ObjectId));
        Assert.Contains("银商已确认手续费差额", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resyncing_TakesTheGatewaysFreshAnswer_RecordedBeforeItIsSent_AndIsAuditedOnTheHoldAndTheDifference()
    {
        var voidedThere = await _h.CompletedAsync(20_000);
        _h.Gateway.SetStatus(voidedThere.OrderId!, SecureStatus.Voided);
        await _h.Reconciliation.RunAsync(_h.Finance, Today);
        var difference = Assert.Single(await OpenAsync());
        var queriesBefore = _h.Gateway.Count(GatewayEndpoint.Query);

        var resynced = (await _h.Reconciliation.ResyncAsync(_h.Finance, difference.Id)).Unwrap();

        Assert.Equal(DifferenceState.Resynced, resynced.State);
        Assert.Equal(queriesBefore + 1, _h.Gateway.Count(GatewayEndpoint.Query));
        var hold = await _h.LoadAsync(voidedThere.Id);
        Assert.Equal((GuaranteeStatus.Voided, (long?)null), (hold.Status, hold.CompletedFen));
        var query = (await _h.OperationsAsync(hold.Id)).Last();
        Assert.Equal((GatewayEndpoint.Query, "finance-id"), (query.Endpoint, query.ActorUserId));
        await using var db = await _h.Contexts.CreateDbContextAsync();
        var actions = await db.AuditEntries.Where(a => a.ActorUserId == "finance-id").Select(a => a.Action).ToListAsync();
        Assert.Contains(AuditActions.GuaranteeResync, actions);
        Assert.Contains(AuditActions.DifferenceResync, actions);
        // Checked again, the day is clean: our record now says what the platform says.
        await _h.Reconciliation.RunAsync(_h.Finance, Today);
        Assert.Empty(await OpenAsync());
    }

    [Fact]
    public async Task AFutureDate_IsRefused()
    {
        var tomorrow = Today.AddDays(1);

        var result = await _h.Reconciliation.RunAsync(_h.Finance, tomorrow);

        Assert.Contains(tomorrow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), result.Problem!.English, StringComparison.Ordinal);
        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.False(await db.ReconciliationRuns.AnyAsync());
    }
}

/// <summary>Every test of <see cref="ReconciliationTests"/>, on PostgreSQL.</summary>
public sealed class ReconciliationTestsOnPostgres : ReconciliationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
