using PosLink.Domain.Common;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>
/// Item 6: the query answer carries no terminal code, so an order id alone says nothing about whose hold it is. Store
/// managers import by their own terminal and the original trace number (which the platform scopes to that terminal),
/// with the order id only as a check; order id alone is for admins. A manager cannot tell "another store's" from "unknown".
/// </summary>
public class ImportScopeTests : IAsyncLifetime
{
    private const string Merchant = "898310148160568";
    private LedgerHarness _h = default!;

    /// <summary>The ledger's database; <see cref="ImportScopeTestsOnPostgres"/> runs every test here on PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task InitializeAsync() => _h = await LedgerHarness.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static (string, string, string) Shape(Problem p) => (p.Code, p.Chinese, p.English);

    [Fact]
    public async Task AManager_ByOrderIdAlone_IsAskedForTheTraceNumber()
    {
        var orderId = _h.Gateway.HoldTakenElsewhere(Merchant, "PD000001", "000777", 30_000, "281234567890123456");
        var result = await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, orderId);
        Assert.Equal("originalSystemTraceNum", result.Problem!.Field);
        Assert.Empty(await AllHoldsAsync());
    }

    [Fact]
    public async Task AManager_CannotImportAnotherStoresPosHold_AndCannotTellItFromAnUnknownOne()
    {
        var pudongOrder = _h.Gateway.HoldTakenElsewhere(Merchant, "PD000001", "000777", 30_000, "281234567890123456");
        var onOtherTerminal = await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, pudongOrder, "000777");
        var unknown = await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, null, "000555");
        Assert.Equal(Shape(unknown.Problem!), Shape(onOtherTerminal.Problem!));

        // A POS hold on the manager's own terminal, but given with another order id: the same answer.
        _h.Gateway.HoldTakenElsewhere(Merchant, "JA000001", "000888", 40_000, "134567890123450888");
        var mismatched = await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, pudongOrder, "000888");
        Assert.Equal(Shape(unknown.Problem!), Shape(mismatched.Problem!));
        Assert.Empty(await AllHoldsAsync());
    }

    [Fact]
    public async Task AManager_ImportsAPosHoldOfTheirOwnTerminal_ByTrace_WithOrWithoutTheOrderId()
    {
        var orderId = _h.Gateway.HoldTakenElsewhere(Merchant, "JA000001", "000888", 40_000, "134567890123450888");
        var imported = (await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, orderId, "000888")).Unwrap();
        var g = await _h.LoadAsync(imported.GuaranteeId);
        Assert.Equal((GuaranteeStatus.Held, _h.Jingan.StoreId, orderId, 40_000L), (g.Status, g.StoreId, g.OrderId, g.HeldFen));

        var again = (await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, null, "000888")).Unwrap();
        Assert.Equal(imported.GuaranteeId, again.GuaranteeId);
    }

    [Fact]
    public async Task AHoldAlreadyInAnotherStore_LooksUnknownToAManager()
    {
        var orderId = _h.Gateway.HoldTakenElsewhere(Merchant, "JA000001", "000888", 40_000, "134567890123450888");
        // An admin brought it into 浦东店 (wrongly, say).
        (await _h.Guarantees.ImportAsync(_h.Admin, _h.Pudong.Id, orderId)).Unwrap();

        var manager = await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, null, "000888");
        var unknown = await _h.Guarantees.ImportAsync(_h.JinganManager, _h.Jingan.Id, null, "000555");
        Assert.Equal(Shape(unknown.Problem!), Shape(manager.Problem!));
    }

    [Fact]
    public async Task AnAdmin_ImportsByOrderIdAlone_IntoTheStoreTheyChoose()
    {
        var orderId = _h.Gateway.HoldTakenElsewhere(Merchant, "PD000001", "000777", 30_000, "281234567890123456");
        var imported = (await _h.Guarantees.ImportAsync(_h.Admin, _h.Pudong.Id, orderId)).Unwrap();
        Assert.Equal(_h.Pudong.StoreId, (await _h.LoadAsync(imported.GuaranteeId)).StoreId);
    }

    private async Task<List<Guarantee>> AllHoldsAsync()
    {
        await using var db = await _h.Contexts.CreateDbContextAsync();
        return [.. db.Guarantees];
    }
}

/// <summary>Every test of <see cref="ImportScopeTests"/>, on PostgreSQL.</summary>
public sealed class ImportScopeTestsOnPostgres : ImportScopeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
