using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

public class SyncAndImportTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="SyncAndImportTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task NewYear_AHoldFrom1231CompletedOn0101_CarriesBothYears()
    {
        await using var h = await LedgerHarness.CreateAsync(new DateTimeOffset(2026, 12, 31, 14, 0, 0, TimeSpan.Zero)); // 22:00 China time
        var id = await h.HeldAsync(30_000);
        h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero)); // 00:30 on 1 January in China
        (await h.Guarantees.CompleteAsync(h.JinganManager, id, 30_000)).Unwrap();

        var g = await h.LoadAsync(id);
        Assert.Equal(new DateOnly(2026, 12, 31), g.TradeDate);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 14, 0, 0, TimeSpan.Zero), g.AuthorizedAt);
        Assert.Equal(new DateOnly(2027, 1, 1), g.SettlementDate);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero), g.FinalizedAt);
        var complete = (CompleteAuthorizationRequest)h.Gateway.Requests.Single(r => r.Endpoint == GatewayEndpoint.CompleteAuthorization).Request;
        Assert.Equal("1231", complete.OriginalTransactionDate);
        var operation = (await h.OperationsAsync(id)).Single(o => o.Endpoint == GatewayEndpoint.CompleteAuthorization);
        Assert.Equal(new DateOnly(2027, 1, 1), operation.TradeDate);
    }

    [Theory]
    [InlineData(SecureStatus.Completed, GuaranteeStatus.Completed, false)]
    [InlineData(SecureStatus.Voided, GuaranteeStatus.Voided, false)]
    [InlineData(SecureStatus.Failed, GuaranteeStatus.Held, true)] // contradicts what the platform confirmed: a person looks
    [InlineData(SecureStatus.Held, GuaranteeStatus.Held, false)]
    public async Task SyncHeld_CatchesWhatHappenedElsewhere(SecureStatus atGateway, GuaranteeStatus expected, bool needsAttention)
    {
        var id = await _h.HeldAsync();
        _h.Gateway.SetStatus((await _h.LoadAsync(id)).OrderId!, atGateway);
        _h.Time.Advance(TimeSpan.FromHours(13));

        Assert.Equal(1, await _h.Sweeps.SyncHeldAsync(TimeSpan.FromHours(12)));
        var g = await _h.LoadAsync(id);
        Assert.Equal((expected, needsAttention), (g.Status, g.NeedsAttention));
        Assert.Equal(_h.Time.GetUtcNow(), g.LastCheckedAt);
        // Checked just now: the next sync leaves it alone.
        Assert.Equal(0, await _h.Sweeps.SyncHeldAsync(TimeSpan.FromHours(12)));
    }

    [Theory]
    [InlineData(SecureStatus.Held, GuaranteeStatus.Held)] // still held past its lifetime: a contradiction for a person (ContradictionTests)
    [InlineData(SecureStatus.Voided, GuaranteeStatus.Expired)]
    [InlineData(SecureStatus.Completed, GuaranteeStatus.Completed)]
    public async Task PastItsLifetime_ExpiresOnlyWhenTheQueryConfirmsNothingElseHappened(SecureStatus atGateway, GuaranteeStatus expected)
    {
        var id = await _h.HeldAsync();
        _h.Gateway.SetStatus((await _h.LoadAsync(id)).OrderId!, atGateway);
        _h.Time.Advance(TimeSpan.FromDays(30));

        await _h.Sweeps.SyncHeldAsync(TimeSpan.Zero);
        Assert.Equal(expected, (await _h.LoadAsync(id)).Status);
    }

    [Fact]
    public async Task BeforeItsLifetime_AHeldHoldStaysHeld()
    {
        var id = await _h.HeldAsync();
        _h.Time.Advance(TimeSpan.FromDays(29));
        await _h.Sweeps.SyncHeldAsync(TimeSpan.Zero);
        Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(id)).Status);
    }

    [Fact]
    public async Task Import_ByOrderId_BringsAHoldTakenOnAnotherTerminal_AndQuickCompletesIt()
    {
        var orderId = _h.Gateway.HoldTakenElsewhere("898310148160568", "POS00001", "000777", 9_900, "281234567890123456");

        // By order id alone, which only an admin may do, into the store of the terminal they choose.
        var imported = (await _h.Guarantees.ImportAsync(_h.Admin, _h.Jingan.Id, orderId)).Unwrap();
        Assert.Equal(GuaranteeStatus.Held, imported.Status);
        var g = await _h.LoadAsync(imported.GuaranteeId);
        Assert.Equal((true, orderId, 9_900L, "2812**********3456", _h.Jingan.StoreId), (g.Imported, g.OrderId, g.HeldFen, g.PayCodeMasked, g.StoreId));
        Assert.Equal(("000777", "654321", new DateOnly(2026, 11, 27)), (g.SystemTraceNum, g.AuthorizationCode, g.TradeDate));

        Assert.Equal(GuaranteeStatus.Completed, (await _h.Guarantees.CompleteAsync(_h.JinganManager, g.Id, 9_000)).Unwrap().Status);
        var quick = (QuickCompleteAuthorizationRequest)_h.Gateway.Requests.Single(r => r.Endpoint == GatewayEndpoint.QuickCompleteAuthorization).Request;
        Assert.Equal((orderId, 9_000L, _h.Jingan.TerminalCode), (quick.OrderId, quick.TransactionAmount, quick.TerminalCode));

        // Importing it again finds the one already here.
        Assert.Equal(g.Id, (await _h.Guarantees.ImportAsync(_h.Admin, _h.Jingan.Id, orderId)).Unwrap().GuaranteeId);
        // Another store's manager cannot reach it through an import either.
        Assert.Equal("not-found", (await _h.Guarantees.ImportAsync(_h.PudongManager, _h.Pudong.Id, orderId, "000777")).Problem!.Code);
    }

    [Fact]
    public async Task Import_OfAnUnknownOrder_SaysSoAndCreatesNothing()
    {
        var result = await _h.Guarantees.ImportAsync(_h.Admin, _h.Jingan.Id, "20261127000000NOPE");
        Assert.Equal("not-found", result.Problem!.Code);
        Assert.Contains("25", result.Problem.Chinese, StringComparison.Ordinal);
        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.Guarantees.CountAsync());
    }

    [Fact]
    public async Task Refresh_QueriesNow_AndIsRefusedToFinanceAndOtherStores()
    {
        var id = await _h.HeldAsync();
        _h.Gateway.SetStatus((await _h.LoadAsync(id)).OrderId!, SecureStatus.Voided);
        Assert.Equal("forbidden", (await _h.Guarantees.RefreshAsync(_h.Finance, id)).Problem!.Code);
        Assert.Equal("not-found", (await _h.Guarantees.RefreshAsync(_h.PudongManager, id)).Problem!.Code);
        Assert.Equal(0, _h.Gateway.Count(GatewayEndpoint.Query));

        Assert.Equal(GuaranteeStatus.Voided, (await _h.Guarantees.RefreshAsync(_h.JinganManager, id)).Unwrap().Status);
        Assert.Equal(1, _h.Gateway.Count(GatewayEndpoint.Query));
        await using var db = await _h.Contexts.CreateDbContextAsync();
        var entry = await db.AuditEntries.OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("guarantee.refresh", "静安经理"), (entry.Action, entry.ActorName));
        Assert.Contains("\"status\":\"Held\"", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Voided\"", entry.After, StringComparison.Ordinal);
    }
}

/// <summary>Every test of <see cref="SyncAndImportTests"/>, on PostgreSQL.</summary>
public sealed class SyncAndImportTestsOnPostgres : SyncAndImportTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
