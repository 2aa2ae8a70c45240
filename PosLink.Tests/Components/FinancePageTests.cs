using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Finance;
using PosLink.Domain.Gateway;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages.Finance;

namespace PosLink.Tests.Components;

/// <summary>The finance pages over the real domain: figures, the differences and what a clerk does about them, a statement upload.</summary>
public sealed class FinancePageTests : IAsyncLifetime
{
    private PageHarness _p = default!;

    public async Task InitializeAsync() => _p = await PageHarness.CreateAsync();

    public async Task DisposeAsync() => await _p.DisposeAsync();

    private DateOnly Today => ChinaTime.TradeDate(_p.Ledger.Time.GetUtcNow());

    [Fact]
    public async Task Settlements_ShowsTheTotals_AndAGroupsHolds_WithTheEstimatedOneMarked()
    {
        await _p.Ledger.CompletedAsync(30_000, 24_000);
        var lost = await _p.Ledger.HeldAsync(10_000);
        _p.Ledger.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout));
        await _p.Ledger.Guarantees.CompleteAsync(_p.Ledger.JinganManager, lost, 10_000);
        await _p.Ledger.SettleAsync();
        _p.SignInAs(_p.FinanceId, StaffRole.Finance);

        var page = _p.Render<Settlements>();
        page.WaitForElement("[data-testid=settlement-total]");

        var total = page.Find("[data-testid=settlement-total]").TextContent;
        Assert.Contains("¥400.00", total, StringComparison.Ordinal);          // held
        Assert.Contains("¥340.00", total, StringComparison.Ordinal);          // completed
        Assert.Contains("¥60.00", total, StringComparison.Ordinal);           // released
        Assert.NotEmpty(page.FindAll("[data-testid=settlements-chart] svg"));
        page.Find("[data-testid=settlement-group]").Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=settlement-hold]").Count));
        Assert.Single(page.FindAll("[data-testid=settlement-hold] .estimated"));
        Assert.Contains("?from=", page.Find("a[data-testid=export-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void Settlements_ABackwardsRange_SaysWhichDates_AndShowsNothing()
    {
        _p.SignInAs(_p.FinanceId, StaffRole.Finance);
        var page = _p.Render<Settlements>();
        page.WaitForElement("[data-testid=settlements-apply]");

        page.Find("input[data-testid=settlements-from]").Change(Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        page.Find("input[data-testid=settlements-to]").Change(Today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        page.Find("[data-testid=settlements-apply]").Click();

        page.WaitForAssertion(() => Assert.Contains(Today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            page.Find("[data-testid=filter-problem]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=settlement-groups]"));
    }

    [Fact]
    public async Task Reconciliation_ACleanDay_SaysNoDifferencesAndWhenChecked()
    {
        await _p.Ledger.CompletedAsync(20_000);
        _p.SignInAs(_p.FinanceId, StaffRole.Finance);
        var page = _p.Render<Reconciliation>();
        page.WaitForElement("[data-testid=reconcile-run]");
        page.Find("input[data-testid=reconcile-date]").Change(Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        page.WaitForElement("[data-testid=day-unchecked]");

        page.Find("[data-testid=reconcile-run]").Click();

        page.WaitForAssertion(() => Assert.Contains("无差异", page.Find("[data-testid=day-clean]").TextContent, StringComparison.Ordinal));
        Assert.Contains(ChinaTime.ToChina(_p.Ledger.Time.GetUtcNow()).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            page.Find("[data-testid=day-clean]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconciliation_AcceptingADifference_TakesANote_AndItLeavesTheOpenList()
    {
        var apart = await _p.Ledger.CompletedAsync(20_000);
        _p.Ledger.Gateway.Forget(apart.OrderId!);
        await _p.Ledger.Reconciliation.RunAsync(_p.Ledger.Finance, Today);
        _p.SignInAs(_p.FinanceId, StaffRole.Finance);
        var page = _p.Render<Reconciliation>();
        page.WaitForElement("[data-testid=difference][data-kind=UnknownToGateway]");

        page.Find("[data-testid=accept]").Click();
        page.WaitForElement("input[data-testid=accept-note]").Input("平台数据迁移，银商已确认");
        page.Find("[data-testid=accept-confirm]").Click();

        page.WaitForElement("[data-testid=no-differences]");
        await using var db = await _p.Ledger.Contexts.CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.DifferenceAccept);
        Assert.Equal(_p.FinanceId, entry.ActorUserId);
        Assert.Contains("银商已确认", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statements_AnUploadedFile_IsPreviewedWithSuggestedColumns_AndImports()
    {
        var done = await _p.Ledger.CompletedAsync(20_000);
        _p.SignInAs(_p.FinanceId, StaffRole.Finance);
        var page = _p.Render<Statements>();
        page.WaitForElement("[data-testid=statement-file]");
        var csv = Encoding.UTF8.GetBytes($"银商订单号,交易金额(元),清算日期\r\n{done.OrderId},199.00,{Today:yyyyMMdd}\r\n");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(csv, "statement.csv"));
        page.WaitForElement("[data-testid=statement-mapping]");
        page.Find("[data-testid=statement-import]").Click();

        page.WaitForAssertion(() => Assert.Contains("匹配1笔，差异1处", page.Find("[data-testid=statement-imported]").TextContent, StringComparison.Ordinal));
        Assert.Single(page.FindAll("[data-testid=statement-imports] tbody tr"));
        var difference = Assert.Single(await _p.Ledger.Differences.DifferencesAsync(_p.Ledger.Finance, new DifferenceFilter()));
        Assert.Equal((DifferenceKind.AmountMismatch, 19_900L), (difference.Kind, difference.TheirFen));
    }

    [Fact]
    public void Statements_AFileThatIsNotAStatement_IsRefusedWithAReason()
    {
        _p.SignInAs(_p.FinanceId, StaffRole.Finance);
        var page = _p.Render<Statements>();
        page.WaitForElement("[data-testid=statement-file]");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([0xD0, 0xCF, 0x11, 0xE0], "old.xls"));

        page.WaitForAssertion(() => Assert.Contains(".xls", page.Find("[data-testid=statement-problem]").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=statement-mapping]"));
    }
}
