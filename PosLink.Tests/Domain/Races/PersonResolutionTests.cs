using PosLink.Domain.Gateway;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>A person closes what the machine cannot: admins only, with a mandatory note, settling the open requests.</summary>
public class PersonResolutionTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="PersonResolutionTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task AnAdmin_ConfirmsAStuckCompletion_WithItsAmount_AndTheRequestIsSettled()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.Timeout));
        await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000);
        Assert.Equal("awaiting-answer", (await _h.Guarantees.ConfirmAsync(_h.Admin, id, ConfirmedAs.Completed, 15_000, "对账单显示已完成")).Problem!.Code);
        _h.Time.Advance(_h.AnswerWindow + TimeSpan.FromSeconds(1));

        Assert.Equal("forbidden", (await _h.Guarantees.ConfirmAsync(_h.JinganManager, id, ConfirmedAs.Completed, 15_000, "门店说已完成")).Problem!.Code);
        Assert.Equal("note", (await _h.Guarantees.ConfirmAsync(_h.Admin, id, ConfirmedAs.Completed, 15_000, " ")).Problem!.Field);
        Assert.Equal("amount", (await _h.Guarantees.ConfirmAsync(_h.Admin, id, ConfirmedAs.Completed, 20_001, "对账单")).Problem!.Field);

        Assert.Equal(GuaranteeStatus.Completed, (await _h.Guarantees.ConfirmAsync(_h.Admin, id, ConfirmedAs.Completed, 15_000, "对账单显示已完成")).Unwrap().Status);
        var g = await _h.LoadAsync(id);
        Assert.Equal((15_000L, true), (g.CompletedFen, g.SettlementDateEstimated));
        var completion = (await _h.OperationsAsync(id)).Single(o => o.Endpoint == GatewayEndpoint.CompleteAuthorization);
        Assert.Equal(OperationOutcome.Settled, completion.Outcome);
        Assert.Contains("对账单显示已完成", Said.Zh(completion.SettledNote), StringComparison.Ordinal);
        Assert.StartsWith("Confirmed by hand as Completed", Said.En(completion.SettledNote), StringComparison.Ordinal);
        Assert.Equal("finished", (await _h.Guarantees.ConfirmAsync(_h.Admin, id, ConfirmedAs.Held, null, "再改")).Problem!.Code);
    }
}

/// <summary>Every test of <see cref="PersonResolutionTests"/>, on PostgreSQL.</summary>
public sealed class PersonResolutionTestsOnPostgres : PersonResolutionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
