using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Common;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages;
using PosLink.Web.Components.Pages.Guarantees;

namespace PosLink.Tests.Components;

/// <summary>What a person reads on the hold's page and in the holds list, for one hold in every state: the figures worked out by hand.</summary>
public sealed class HoldFiguresPageTests : IAsyncLifetime
{
    private PageHarness _p = default!;
    private IReadOnlyList<MoneyFixture.Expected> _holds = [];

    public async Task InitializeAsync()
    {
        _p = await PageHarness.CreateAsync();
        _holds = await MoneyFixture.BuildAsync(_p.Ledger);
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
    }

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Fact]
    public async Task TheHoldsPage_ShowsItsOwnFigures_AndNothingPaidBeforeACompletion()
    {
        foreach (var expected in _holds)
        {
            var page = _p.Render<HoldDetail>(("Id", expected.Id));
            page.WaitForElement("[data-testid=held]");
            string Cell(string id) => page.Find($"[data-testid={id}]").TextContent.Trim();
            Assert.Equal((expected.Name, Money.Yuan(expected.Held), Money.Yuan(expected.Released), Money.Yuan(expected.Paid)),
                (expected.Name, Cell("held"), Cell("released"), Cell("paid")));
            Assert.StartsWith(Money.Yuan(expected.Completed), Cell("completed"), StringComparison.Ordinal);
            Assert.StartsWith($"{Money.Yuan(expected.MerchantDiscount)} / {Money.Yuan(expected.OtherDiscount)}", Cell("discounts"), StringComparison.Ordinal);
            await _p.Context.DisposeComponentsAsync();
        }
    }

    [Fact]
    public void TheHoldsList_ShowsACompletedAmountOnlyForACompletion_AndTheAmountInFlightAsSuch()
    {
        _p.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/guarantees?status=all");
        var page = _p.RenderHolds();
        page.WaitForAssertion(() => Assert.Equal(_holds.Count, page.FindAll("tr[data-testid=hold-row]").Count));
        foreach (var expected in _holds)
        {
            var money = page.Find($"tr[data-testid=hold-row][data-id='{expected.Id}'] td.money").TextContent;
            Assert.Contains(Money.Yuan(expected.Held), money, StringComparison.Ordinal);
            Assert.Equal((expected.Name, expected.Completed is not null), (expected.Name, money.Contains("完成金额", StringComparison.Ordinal)));
            Assert.Equal((expected.Name, expected.Status == GuaranteeStatus.Completing), (expected.Name, money.Contains("正在完成", StringComparison.Ordinal)));
            if (expected.Completed is { } completed)
            {
                Assert.Contains(Money.Yuan(completed), money, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void TheDashboardsRecentHolds_ShowTheSameCompletedAndPaidFigures()
    {
        var page = _p.Render<Dashboard>();
        page.WaitForElement("tr[data-testid=recent-row]");
        var rows = page.FindAll("tr[data-testid=recent-row]");
        Assert.Equal(8, rows.Count);
        foreach (var row in rows)
        {
            var expected = _holds.Single(h => h.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == row.GetAttribute("data-id"));
            string Cell(string id) => row.QuerySelector($"[data-testid={id}]")!.TextContent.Trim();
            Assert.Equal((expected.Name, expected.Completed is { } c ? $"完成金额 {Money.Yuan(c)}" : "", expected.Paid is { } p ? $"实付金额 {Money.Yuan(p)}" : ""),
                (expected.Name, Cell("recent-completed"), Cell("recent-paid")));
        }
    }
}
