using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

public class GuaranteeLifecycleTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="GuaranteeLifecycleTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Take_Approved_IsHeldWithTheGatewaysIdentityAndAMaskedPayCode()
    {
        var outcome = (await _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 12345, PayMode.CodeScan, "134567890123456789", "ROOM-1208", "房间押金"))).Unwrap();
        Assert.Equal((GuaranteeStatus.Held, OutcomeKind.Approved), (outcome.Status, outcome.Kind));

        var g = await _h.LoadAsync(outcome.GuaranteeId);
        Assert.Equal(("ROOM-1208", "房间押金", 12345L, "1345**********6789"), (g.MerchantOrderId, g.MerchantRemark, g.HeldFen, g.PayCodeMasked));
        Assert.NotNull(g.OrderId);
        Assert.Matches("^[0-9]{6}$", g.AuthorizationCode);
        Assert.Equal(new DateOnly(2026, 11, 27), g.TradeDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 7, 30, 0, TimeSpan.Zero), g.AuthorizedAt);
        Assert.Equal(LedgerHarness.Start.AddDays(30), g.ExpiresAt);
        Assert.Null(g.NextCheckAt);

        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.DoesNotContain(await db.GatewayOperations.Select(o => o.RequestBody).ToListAsync(), body => body!.Contains("134567890123456789", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Take_Declined_KeepsTheReason()
    {
        _h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(ErrCode: "51"));
        var outcome = (await _h.Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, 500, PayMode.CodeScan, "134567890123450051"))).Unwrap();
        Assert.Equal((GuaranteeStatus.Declined, OutcomeKind.Declined), (outcome.Status, outcome.Kind));
        Assert.Contains("资金不足", outcome.Reason!.Chinese, StringComparison.Ordinal);
        Assert.Contains("Insufficient funds", outcome.Reason.English, StringComparison.Ordinal);
        var g = await _h.LoadAsync(outcome.GuaranteeId);
        Assert.Equal("51", g.LastErrCode);
    }

    [Fact]
    public async Task Complete_PartOfTheHold_ThenNothingMore()
    {
        var id = await _h.HeldAsync(20_000);
        var outcome = (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000)).Unwrap();
        Assert.Equal((GuaranteeStatus.Completed, OutcomeKind.Approved), (outcome.Status, outcome.Kind));
        var g = await _h.LoadAsync(id);
        Assert.Equal((15_000L, "静安经理"), (g.CompletedFen, g.FinalizedByName));
        Assert.Equal(new DateOnly(2026, 11, 27), g.SettlementDate);

        var again = await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 1_000);
        Assert.Equal("finished", again.Problem!.Code);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
    }

    [Fact]
    public async Task Complete_DeclinedByTheGateway_LeavesItHeld()
    {
        var id = await _h.HeldAsync(20_000);
        _h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: false, ErrCode: "61"));
        var outcome = (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000)).Unwrap();
        Assert.Equal((GuaranteeStatus.Held, OutcomeKind.Declined), (outcome.Status, outcome.Kind));
        var g = await _h.LoadAsync(id);
        Assert.Equal(("61", (long?)null), (g.LastErrCode, g.CompletedFen));
        Assert.Equal(GuaranteeStatus.Completed, (await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 15_000)).Unwrap().Status);
    }

    [Fact]
    public async Task Void_ReleasesTheHeldAmount()
    {
        var id = await _h.HeldAsync(8_800);
        Assert.Equal(GuaranteeStatus.Voided, (await _h.Guarantees.VoidAsync(_h.Admin, id, "顾客取消")).Unwrap().Status);
        var (_, request) = _h.Gateway.Requests.Single(r => r.Endpoint == GatewayEndpoint.VoidAuthorization);
        Assert.Equal(8_800, ((VoidAuthorizationRequest)request).TransactionAmount);
    }

    [Fact]
    public async Task FullLifecycle_LedgerAndAuditTrail_EntryByEntry()
    {
        var id = await _h.HeldAsync(20_000);
        await _h.Guarantees.CompleteAsync(_h.JinganManager, id, 12_000);

        await using var db = await _h.Contexts.CreateDbContextAsync();
        var operations = await db.GatewayOperations.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
        Assert.Collection(operations,
            o => Assert.Equal((GatewayEndpoint.ActivateTerminal, "000001", OperationOutcome.Approved, "管理员", (long?)null), (o.Endpoint, o.SystemTraceNum, o.Outcome, o.ActorName, o.GuaranteeId)),
            o => Assert.Equal((GatewayEndpoint.ActivateTerminal, "000001", OperationOutcome.Approved, "管理员", (long?)null), (o.Endpoint, o.SystemTraceNum, o.Outcome, o.ActorName, o.GuaranteeId)),
            o =>
            {
                Assert.Equal((GatewayEndpoint.Preauthorize, "000002", OperationOutcome.Approved, "静安经理", (long?)id, (long?)20_000), (o.Endpoint, o.SystemTraceNum, o.Outcome, o.ActorName, o.GuaranteeId, o.AmountFen));
                Assert.Equal(("00", ResponseCategory.Approved), (o.ErrCode, o.Category));
                Assert.Contains("\"payCode\":\"1345**********6789\"", o.RequestBody, StringComparison.Ordinal);
                Assert.Equal(new DateOnly(2026, 11, 27), o.TradeDate);
                Assert.NotNull(o.AnsweredAt);
            },
            o => Assert.Equal((GatewayEndpoint.CompleteAuthorization, "000003", OperationOutcome.Approved, "静安经理", (long?)id, (long?)12_000), (o.Endpoint, o.SystemTraceNum, o.Outcome, o.ActorName, o.GuaranteeId, o.AmountFen)));
        Assert.Equal(operations[0].TerminalId, operations[2].TerminalId);
        Assert.NotEqual(operations[0].TerminalId, operations[1].TerminalId);

        var audit = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(
            [AuditActions.MerchantRegister, AuditActions.StoreRegister, AuditActions.StoreRegister, AuditActions.TerminalRegister, AuditActions.TerminalRegister,
             AuditActions.TerminalRegister, AuditActions.TerminalActivate, AuditActions.TerminalActivate, AuditActions.GuaranteeTake, AuditActions.GuaranteeComplete],
            audit.Select(a => a.Action));
        var take = audit[8];
        Assert.Equal(("jingan-id", "静安经理", "Guarantee", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (take.ActorUserId, take.ActorName, take.ObjectType, take.ObjectId));
        Assert.Null(take.Before);
        Assert.Contains("\"heldFen\":20000", take.After, StringComparison.Ordinal);
        Assert.Contains("1345**********6789", take.After, StringComparison.Ordinal);
        var complete = audit[9];
        Assert.Contains("\"status\":\"Held\"", complete.Before, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Completing\"", complete.After, StringComparison.Ordinal);
        Assert.Contains("\"amountFen\":12000", complete.After, StringComparison.Ordinal);
        Assert.All(audit, a => Assert.Equal(LedgerHarness.Start, a.At));
        Assert.DoesNotContain(audit, a => (a.After ?? "").Contains("134567890123456789", StringComparison.Ordinal));
    }
}

/// <summary>Every test of <see cref="GuaranteeLifecycleTests"/>, on PostgreSQL.</summary>
public sealed class GuaranteeLifecycleTestsOnPostgres : GuaranteeLifecycleTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
