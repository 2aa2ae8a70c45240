using Bunit;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages.Guarantees;

namespace PosLink.Tests.Components;

/// <summary>The needs-attention list: what the machine could not settle, its ledger, and what a person does about it.</summary>
public sealed class AttentionPageTests : IAsyncLifetime
{
    private PageHarness _p = default!;
    private long _contradicted;

    public async Task InitializeAsync()
    {
        _p = await PageHarness.CreateAsync();
        // The platform now says "failed" for a hold it confirmed: a contradiction for a person.
        _contradicted = await _p.Ledger.HeldAsync(20_000);
        _p.Ledger.Gateway.SetStatus((await _p.Ledger.LoadAsync(_contradicted)).OrderId!, SecureStatus.Failed);
        await _p.Ledger.Reconciler.CheckAsync(Actor.System, _contradicted);
    }

    public async Task DisposeAsync() => await _p.DisposeAsync();

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(string userId, string role)
    {
        _p.SignInAs(userId, role);
        var page = _p.Render<Attention>();
        page.WaitForElement("[data-testid=attention-item]");
        return page;
    }

    [Fact]
    public void AManager_SeesTheirStoresItem_WithItsReasonAndLedger_ButCannotConfirm()
    {
        var page = Open(_p.JinganManagerId, StaffRole.StoreManager);
        Assert.Contains("平台报告交易失败", page.Find("[data-testid=attention-reason]").TextContent, StringComparison.Ordinal);
        // The ledger names each request in the reader's words (担保 for Preauthorize), never by its enum name.
        Assert.Contains("担保", page.Find("table.ledger").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Preauthorize", page.Find("table.ledger").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("[data-testid=query-again]"));
        Assert.Empty(page.FindAll("[data-testid=confirm]"));
    }

    [Fact]
    public void AnotherStoresManager_SeesNothing()
    {
        _p.SignInAs(_p.PudongManagerId, StaffRole.StoreManager);
        var page = _p.Render<Attention>();
        page.WaitForElement("[data-testid=attention-empty]");
    }

    [Fact]
    public async Task AnAdmin_ConfirmsItAsVoided_WithANote_AndItLeavesTheList()
    {
        var page = Open(_p.AdminId, StaffRole.Admin);
        page.Find("select[data-testid=confirm-state]").Change(nameof(ConfirmedAs.Voided));
        page.Find("[data-testid=confirm]").Click();
        page.WaitForAssertion(() => Assert.Contains("请写明核实的依据", page.Find("[data-testid=confirm-problem]").TextContent, StringComparison.Ordinal));

        page.Find("input[data-testid=confirm-note]").Change("银商客服确认已撤销（工单 123）");
        page.Find("[data-testid=confirm]").Click();
        page.WaitForElement("[data-testid=attention-empty]");

        var g = await _p.Ledger.LoadAsync(_contradicted);
        Assert.Equal((GuaranteeStatus.Voided, false), (g.Status, g.NeedsAttention));
        await using var db = await _p.Ledger.Contexts.CreateDbContextAsync();
        var entry = await db.AuditEntries.OrderBy(a => a.Id).LastAsync();
        Assert.Equal("guarantee.confirm", entry.Action);
        Assert.Contains("工单 123", entry.After, StringComparison.Ordinal);
        Assert.Equal(0, _p.Ledger.Gateway.Count(GatewayEndpoint.VoidAuthorization));
    }

    [Fact]
    public void QueryAgain_AsksTheGateway()
    {
        var page = Open(_p.JinganManagerId, StaffRole.StoreManager);
        var queries = _p.Ledger.Gateway.Count(GatewayEndpoint.Query);
        page.Find("[data-testid=query-again]").Click();
        page.WaitForAssertion(() => Assert.Equal(queries + 1, _p.Ledger.Gateway.Count(GatewayEndpoint.Query)));
    }

    [Fact]
    public async Task AnAdmin_ConfirmsAsHeldAHoldThatLacksItsOrderId_OnlyWithTheOrderIdThePlatformShows()
    {
        // A 担保 whose answer was lost at 23:58 China time; after midnight a query by trace no longer finds it.
        await using var p = await PageHarness.CreateAsync(start: new DateTimeOffset(2026, 11, 27, 15, 58, 0, TimeSpan.Zero));
        var id = await p.Ledger.UnansweredTakeAsync(p.Ledger.Jingan, p.Ledger.JinganManager, "134567890123456789");
        p.Ledger.Time.Advance(TimeSpan.FromMinutes(3));
        await p.Ledger.Reconciler.CheckAsync(Actor.System, id);
        var orderId = p.Ledger.Gateway.OrderIdByTrace((await p.Ledger.LoadAsync(id)).SystemTraceNum!)!;
        p.SignInAs(p.AdminId, StaffRole.Admin);
        var page = p.Render<Attention>();
        page.WaitForElement("[data-testid=attention-item]");

        page.Find("select[data-testid=confirm-state]").Change(nameof(ConfirmedAs.Held));
        page.Find("input[data-testid=confirm-note]").Change("银商平台显示担保中");
        page.Find("[data-testid=confirm]").Click();
        page.WaitForAssertion(() => Assert.Contains("银商订单号", page.Find("[data-testid=confirm-problem]").TextContent, StringComparison.Ordinal));
        Assert.Equal(GuaranteeStatus.Authorizing, (await p.Ledger.LoadAsync(id)).Status);

        page.Find("input[data-testid=confirm-order-id]").Change(orderId);
        page.Find("[data-testid=confirm]").Click();
        page.WaitForElement("[data-testid=attention-empty]");
        var g = await p.Ledger.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Held, orderId), (g.Status, g.OrderId));
    }
}
