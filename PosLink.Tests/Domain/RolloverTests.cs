using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

/// <summary>A deposit that outlives a hold: the new hold first, the old one voided only once the new one is held.</summary>
public sealed class RolloverTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private DepositQueries Deposits => _h.Services.GetRequiredService<DepositQueries>();

    private TakeHold Fresh(long amountFen = 50_000) => new(_h.Jingan.Id, amountFen, PayMode.CodeScan, "134567890123450555", MerchantRemark: "1208 房");

    [Fact]
    public async Task TheNewHoldHeld_VoidsTheOld_AndLinksBothAsOneDeposit()
    {
        var old = await _h.HeldAsync(50_000);

        var outcome = (await _h.Guarantees.RolloverAsync(_h.JinganManager, old, Fresh())).Unwrap();

        Assert.Equal(GuaranteeStatus.Held, outcome.Status);
        Assert.Equal(GuaranteeStatus.Voided, (await _h.LoadAsync(old)).Status);
        var fresh = await _h.LoadAsync(outcome.GuaranteeId);
        Assert.Equal((old, old), (fresh.RolledOverFromId, fresh.DepositId));
        // The order matters: the new hold is asked for before the old one is let go.
        Assert.Equal([GatewayEndpoint.Preauthorize, GatewayEndpoint.VoidAuthorization], _h.Gateway.Sent.Skip(1).Select(s => s.Endpoint));

        var deposit = (await Deposits.DepositAsync(_h.JinganManager, old))!;
        Assert.Equal([old, outcome.GuaranteeId], deposit.Holds.Select(h => h.Id));
        Assert.Equal(50_000, deposit.HeldNowFen);
        Assert.Contains(deposit.History, a => a.Action == "guarantee.rollover");
        Assert.Null(await Deposits.DepositAsync(_h.PudongManager, old));

        // Rolled over again, the third hold belongs to the same deposit.
        var third = (await _h.Guarantees.RolloverAsync(_h.JinganManager, outcome.GuaranteeId, Fresh(60_000) with { PayCode = "134567890123450556" })).Unwrap();
        Assert.Equal(old, (await _h.LoadAsync(third.GuaranteeId)).DepositId);
        Assert.Equal(60_000, (await Deposits.DepositAsync(_h.JinganManager, old))!.HeldNowFen);
    }

    [Fact]
    public async Task TheNewHoldDeclined_LeavesTheOldUntouched()
    {
        var old = await _h.HeldAsync(50_000);
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: false, ErrCode: "51"));

        var outcome = (await _h.Guarantees.RolloverAsync(_h.JinganManager, old, Fresh())).Unwrap();

        Assert.Equal((GuaranteeStatus.Declined, OutcomeKind.Declined), (outcome.Status, outcome.Kind));
        Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(old)).Status);
        Assert.Equal(0, _h.Gateway.Count(GatewayEndpoint.VoidAuthorization));
        Assert.Equal(50_000, (await Deposits.DepositAsync(_h.JinganManager, old))!.HeldNowFen);
    }

    [Fact]
    public async Task TheNewHoldUnanswered_IsSettledByQuery_ThenTheSweepVoidsTheOld()
    {
        var old = await _h.HeldAsync(50_000);
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout));

        var outcome = (await _h.Guarantees.RolloverAsync(_h.JinganManager, old, Fresh())).Unwrap();
        Assert.Equal(GuaranteeStatus.Authorizing, outcome.Status);
        Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(old)).Status);
        Assert.Equal(0, await _h.Guarantees.FinishRolloversAsync()); // not yet: the new hold is unknown
        Assert.Equal(0, _h.Gateway.Count(GatewayEndpoint.VoidAuthorization));

        await _h.SettleAsync();
        Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(outcome.GuaranteeId)).Status);
        Assert.Equal(1, await _h.Guarantees.FinishRolloversAsync());
        Assert.Equal(0, await _h.Guarantees.FinishRolloversAsync());

        Assert.Equal(GuaranteeStatus.Voided, (await _h.LoadAsync(old)).Status);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.VoidAuthorization));
        var deposit = (await Deposits.DepositAsync(_h.Admin, old))!;
        Assert.Equal((50_000, GuaranteeStatus.Voided), (deposit.HeldNowFen, deposit.Holds[0].Status));
    }

    [Fact]
    public async Task TheOldHoldsVoidUnanswered_IsSettledByQuery_AndTheDepositShowsIt()
    {
        var old = await _h.HeldAsync(50_000);
        _h.Gateway.Next(GatewayEndpoint.VoidAuthorization, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout));

        var outcome = (await _h.Guarantees.RolloverAsync(_h.JinganManager, old, Fresh())).Unwrap();

        Assert.Equal(GuaranteeStatus.Held, outcome.Status);
        Assert.Equal(GuaranteeStatus.Voiding, (await Deposits.DepositAsync(_h.JinganManager, old))!.Holds[0].Status);
        await _h.SettleAsync();
        var deposit = (await Deposits.DepositAsync(_h.JinganManager, old))!;
        Assert.Equal((GuaranteeStatus.Voided, 50_000L), (deposit.Holds[0].Status, deposit.HeldNowFen));
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.VoidAuthorization));
    }

    [Fact]
    public async Task ARolloverIsRefused_ForAnotherStoresHold_ANotHeldOne_OrAnotherStoresTerminal()
    {
        var pudong = (await _h.Guarantees.TakeAsync(_h.PudongManager, new TakeHold(_h.Pudong.Id, 9_000, PayMode.CodeScan, "281234567890123456"))).Unwrap().GuaranteeId;
        Assert.Equal(GuaranteeProblems.NotFound, (await _h.Guarantees.RolloverAsync(_h.JinganManager, pudong, Fresh())).Problem);
        var old = await _h.HeldAsync(50_000);
        Assert.Equal(GuaranteeProblems.RolloverOtherStore, (await _h.Guarantees.RolloverAsync(_h.Admin, old, Fresh() with { TerminalId = _h.Pudong.Id })).Problem);
        (await _h.Guarantees.VoidAsync(_h.JinganManager, old, "退房")).Unwrap();
        Assert.Equal("finished", (await _h.Guarantees.RolloverAsync(_h.JinganManager, old, Fresh())).Problem?.Code);
        Assert.Equal(2, _h.Gateway.Count(GatewayEndpoint.Preauthorize)); // the two holds taken here, no more
    }
}
