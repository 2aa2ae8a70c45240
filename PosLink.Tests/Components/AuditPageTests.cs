using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages.Admin;

namespace PosLink.Tests.Components;

/// <summary>The audit page says what happened in the reader's language: action names and 字段：旧值 → 新值, not keys and JSON.</summary>
public sealed class AuditPageTests : IAsyncLifetime
{
    private PageHarness _zh = default!;

    public async Task InitializeAsync()
    {
        _zh = await PageHarness.CreateAsync();
        var held = await _zh.Ledger.HeldAsync(20_000);
        (await _zh.Ledger.Guarantees.CompleteAsync(_zh.Ledger.JinganManager, held, 15_000)).Unwrap();
        var staff = _zh.Context.Services.GetRequiredService<StaffService>();
        (await staff.ChangeAsync(_zh.Ledger.Admin, _zh.FinanceId, new StaffDraft("finance@poslink.test", "财务主管", StaffRole.StoreManager, [_zh.Ledger.Jingan.StoreId]))).Unwrap();
    }

    public async Task DisposeAsync() => await _zh.DisposeAsync();

    private static IEnumerable<string> Rows(IRenderedComponent<Bunit.Rendering.ContainerFragment> page) =>
        page.FindAll("tr[data-testid=audit-row]").Select(r => string.Join(' ', r.TextContent.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries)));

    [Fact]
    public void InChinese_ActionNamesAndFieldChanges()
    {
        _zh.SignInAs(_zh.AdminId, StaffRole.Admin);
        var page = _zh.Render<AuditLog>();
        page.WaitForElement("tr[data-testid=audit-row]");
        var rows = Rows(page).ToList();

        var completion = Assert.Single(rows, r => r.Contains("担保完成", StringComparison.Ordinal));
        Assert.Contains("状态：担保中 → 完成处理中", completion, StringComparison.Ordinal);
        Assert.Contains("金额：¥150.00", completion, StringComparison.Ordinal);
        var change = Assert.Single(rows, r => r.Contains("修改员工", StringComparison.Ordinal));
        Assert.Contains("姓名：财务 → 财务主管", change, StringComparison.Ordinal);
        Assert.Contains("角色：财务 → 门店经理", change, StringComparison.Ordinal);
        Assert.Contains("门店：— → 静安店", change, StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => r.Contains('{', StringComparison.Ordinal) || r.Contains("heldFen", StringComparison.Ordinal));
        // Names, not ids: the member of staff changed is named, the store registered names its merchant.
        Assert.Contains("员工 财务主管", change, StringComparison.Ordinal);
        var store = Assert.Single(rows, r => r.Contains("登记门店", StringComparison.Ordinal) && r.Contains("静安店", StringComparison.Ordinal));
        Assert.Matches(@"商户：\D", store);
    }

    [Fact]
    public async Task InEnglish_TheSameInEnglish()
    {
        await using var en = await PageHarness.CreateAsync("en");
        var held = await en.Ledger.HeldAsync(20_000);
        (await en.Ledger.Guarantees.VoidAsync(en.Ledger.JinganManager, held, "guest left")).Unwrap();
        en.SignInAs(en.AdminId, StaffRole.Admin);
        var page = en.Render<AuditLog>();
        page.WaitForElement("tr[data-testid=audit-row]");
        var voided = Assert.Single(Rows(page), r => r.Contains("Hold voided", StringComparison.Ordinal));
        Assert.Contains("Status: Held → Voiding", voided, StringComparison.Ordinal);
        Assert.Contains("Reason: guest left", voided, StringComparison.Ordinal);
    }
}
