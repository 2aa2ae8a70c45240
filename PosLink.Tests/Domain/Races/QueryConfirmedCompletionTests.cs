using PosLink.Domain.Finance;
using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>Item 9: completions confirmed only by a query count in finance, with their amount and a settlement date.</summary>
public class QueryConfirmedCompletionTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="QueryConfirmedCompletionTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private DashboardQueries Dashboards => new(_h.Contexts, new GuaranteeQueries(_h.Contexts, _h.Time), new SettlementQueries(_h.Contexts), new ReconciliationQueries(_h.Contexts), new PosLink.Domain.Guarantees.Approvals.ApprovalQueries(_h.Contexts, _h.Time), _h.Time);

    [Fact]
    public async Task ACompletionWhoseAnswerWasLost_HasItsAmountAndAnEstimatedSettlementDate_AndIsInTheTotals()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout));
        await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000);

        await _h.SettleAsync();

        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Completed, 15_000L), (g.Status, g.CompletedFen));
        Assert.Equal(ChinaTime.TradeDate(_h.Time.GetUtcNow()), g.SettlementDate);
        Assert.True(g.SettlementDateEstimated);
        var finance = await Dashboards.FinanceAsync(_h.Finance);
        Assert.Equal((15_000L, 15_000L), (finance.CompletedTodayFen, finance.SettledTodayFen));
    }

    [Fact]
    public async Task ACompletionMadeElsewhere_GetsItsAmountFromTheQuery()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.CompleteElsewhere((await _h.LoadAsync(id)).OrderId!, 12_000);

        await _h.Reconciler.CheckAsync(Actor.System, id);

        var g = await _h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Completed, 12_000L, true), (g.Status, g.CompletedFen, g.SettlementDateEstimated));
        Assert.NotNull(g.SettlementDate);
    }
}

/// <summary>Every test of <see cref="QueryConfirmedCompletionTests"/>, on PostgreSQL.</summary>
public sealed class QueryConfirmedCompletionTestsOnPostgres : QueryConfirmedCompletionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
