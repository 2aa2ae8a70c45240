using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Guarantees.Bulk;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages.Bulk;
using PosLink.Web.Components.Shared;

namespace PosLink.Tests.Components;

/// <summary>A bulk run from the holds list: selected, confirmed with the server's figures, and watched live.</summary>
public sealed class BulkPageTests : IAsyncLifetime
{
    private PageHarness _p = default!;
    private readonly List<long> _jingan = [];

    public async Task InitializeAsync()
    {
        _p = await PageHarness.CreateAsync();
        for (var i = 0; i < 3; i++)
        {
            _jingan.Add(await _p.Ledger.HeldAsync(10_000 * (i + 1), $"13456789012345670{i}"));
        }
        await _p.Ledger.Guarantees.TakeAsync(_p.Ledger.PudongManager, new TakeHold(_p.Ledger.Pudong.Id, 30_000, PayMode.CodeScan, "281234567890123456"));
    }

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Fact]
    public async Task SelectAllThatMatch_ConfirmsCountAndTotal_ThenTheRunsPageShowsItsProgressLive()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var navigation = _p.Context.Services.GetRequiredService<NavigationManager>();
        var page = _p.RenderHolds();
        Assert.Equal(3, page.FindAll("input[data-testid=select-hold]").Count);

        page.Find("[data-testid=bulk-select-all]").Click();
        page.WaitForAssertion(() => Assert.Equal("已选 3 笔", page.Find("[data-testid=bulk-selected]").TextContent));
        page.Find("[data-testid=bulk-complete]").Click();
        page.WaitForAssertion(() => Assert.Equal("将按担保金额完成 3 笔担保，合计 ¥600.00。", page.Find("[data-testid=bulk-confirm-text]").TextContent.Trim()));
        Assert.Equal(0, _p.Ledger.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
        page.Find("[data-testid=bulk-confirm]").Click();

        page.WaitForAssertion(() => Assert.Matches(@"/bulk/\d+$", navigation.Uri));
        var runId = long.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await _p.Context.DisposeComponentsAsync();
        var run = _p.Render<BulkRunPage>(("Id", runId));
        run.WaitForAssertion(() => Assert.Equal("处理中：0 / 3", run.Find("[data-testid=bulk-state]").TextContent));

        // The job runs elsewhere; the open page follows it without a reload.
        await _p.Context.Services.GetRequiredService<BulkRunner>().RunAsync(runId);
        _p.Ledger.Time.Advance(LivePage.MinimumInterval);

        run.WaitForAssertion(() => Assert.Equal("已完成，共 3 笔", run.Find("[data-testid=bulk-state]").TextContent));
        Assert.All(run.FindAll("tr[data-testid=bulk-item]"), row => Assert.Equal(nameof(BulkItemState.Done), row.GetAttribute("data-state")));
        Assert.Equal(3, _p.Ledger.Gateway.Count(GatewayEndpoint.CompleteAuthorization));
    }

    [Fact]
    public async Task AVoidAsksOneReason_AndFinanceGetsNoBoxes()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.RenderHolds();
        page.FindAll("input[data-testid=select-hold]")[0].Change(true);
        page.WaitForAssertion(() => Assert.Equal("已选 1 笔", page.Find("[data-testid=bulk-selected]").TextContent));
        page.Find("[data-testid=bulk-void]").Click();
        page.WaitForElement("[data-testid=bulk-reason]");
        Assert.True(page.Find("[data-testid=bulk-confirm]").HasAttribute("disabled"));

        await _p.Context.DisposeComponentsAsync();
        _p.SignInAs(_p.FinanceId, StaffRole.Finance);
        var finance = _p.RenderHolds();
        Assert.Empty(finance.FindAll("[data-testid=bulk-bar]"));
        Assert.Empty(finance.FindAll("input[type=checkbox]"));
    }

    [Fact]
    public async Task AnotherManager_CannotOpenTheRun()
    {
        var manager = _p.Context.Services.GetRequiredService<StaffService>();
        var jingan = (await manager.ActorForAsync(_p.JinganManagerId))!;
        var run = (await _p.Context.Services.GetRequiredService<BulkService>().StartAsync(jingan, BulkKind.Void, _jingan, "退房")).Unwrap().RunId!.Value;

        _p.SignInAs(_p.PudongManagerId, StaffRole.StoreManager);
        var page = _p.Render<BulkRunPage>(("Id", run));

        page.WaitForElement("[data-testid=bulk-missing]");
        Assert.DoesNotContain("静安", page.Markup, StringComparison.Ordinal);
    }
}
