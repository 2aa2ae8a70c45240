using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Common;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages.Guarantees;
using PosLink.Web.Resources;

namespace PosLink.Tests.Components;

/// <summary>
/// The customer's slip for one hold in every state: the figures worked out by hand, the platform's references, who
/// acted, and a QR code that a scanner reads back as the order id; another store's manager finds no slip at all.
/// </summary>
public sealed class SlipPageTests : IAsyncLifetime
{
    private PageHarness _p = default!;
    private IReadOnlyList<MoneyFixture.Expected> _holds = [];

    public async Task InitializeAsync()
    {
        _p = await PageHarness.CreateAsync();
        _holds = await MoneyFixture.BuildAsync(_p.Ledger);
    }

    public async Task DisposeAsync() => await _p.DisposeAsync();

    public static TheoryData<GuaranteeStatus> Statuses() => [.. Enum.GetValues<GuaranteeStatus>()];

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task TheSlip_RendersForEachStatus_WithItsFiguresReferencesAndPeople(GuaranteeStatus status)
    {
        var expected = _holds.First(h => h.Status == status);
        var hold = await _p.Ledger.LoadAsync(expected.Id);
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);

        var page = _p.Render<SlipPage>(("Id", expected.Id));
        page.WaitForElement("[data-testid=slip]");
        string Cell(string id) => page.Find($"[data-testid={id}]").TextContent.Trim();

        Assert.Equal(("静安店", "JA000001", L.Name(status)), (Cell("slip-store"), Cell("slip-terminal"), Cell("status")));
        Assert.Equal((Money.Yuan(expected.Held), Money.Yuan(expected.Completed), Money.Yuan(expected.Released)),
            (Cell("slip-held"), Cell("slip-completed"), Cell("slip-released")));
        Assert.Equal((hold.PayCodeMasked, hold.RetrievalRefNum ?? "—"), (Cell("slip-pay-code"), Cell("slip-reference")));
        Assert.Equal((hold.CreatedByName, hold.FinalizedByName is { } by ? L.Person(by) : "—"), (Cell("slip-taken-by"), Cell("slip-finalized-by")));
        // The pay code only as the hold keeps it, masked: never the middle of the customer's code (1345678901234000nn).
        Assert.DoesNotContain("567890123", page.Markup, StringComparison.Ordinal);

        if (hold.OrderId is { } orderId)
        {
            Assert.Equal(orderId, Cell("slip-order-id"));
            Assert.Equal(orderId, QrCodes.ReadDataUri(page.Find("img[data-testid=slip-qr]").GetAttribute("src")));
        }
        else
        {
            // Refused or not yet answered: no order id to scan, and the slip says so plainly.
            Assert.Equal("—", Cell("slip-order-id"));
            Assert.Empty(page.FindAll("[data-testid=slip-qr]"));
        }
    }

    [Fact]
    public async Task AHoldImportedFromAPosDevice_WasTakenThere_WhenThePlatformAuthorizedIt()
    {
        var orderId = _p.Ledger.Gateway.HoldTakenElsewhere("898310148160568", "POS00001", "000777", 9_900, "281234567890123456");
        _p.Ledger.Time.Advance(TimeSpan.FromHours(2));
        var id = (await _p.Ledger.Guarantees.ImportAsync(_p.Ledger.Admin, _p.Ledger.Jingan.Id, orderId)).Unwrap().GuaranteeId;
        var hold = await _p.Ledger.LoadAsync(id);
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);

        var page = _p.Render<SlipPage>(("Id", id));
        page.WaitForElement("[data-testid=slip]");
        Assert.Equal(L.TakenOnPosDevice, page.Find("[data-testid=slip-taken-by]").TextContent.Trim());
        Assert.Equal(ChinaTime.ToChina(hold.AuthorizedAt!.Value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            page.Find("[data-testid=slip-taken-at]").TextContent.Trim());
        Assert.Equal(orderId, QrCodes.ReadDataUri(page.Find("img[data-testid=slip-qr]").GetAttribute("src")));
    }

    [Fact]
    public void AnotherStoresManager_FindsNoSlip_AsIfTheHoldDidNotExist()
    {
        var held = _holds.First(h => h.Status == GuaranteeStatus.Completed);
        _p.SignInAs(_p.PudongManagerId, StaffRole.StoreManager);

        var page = _p.Render<SlipPage>(("Id", held.Id));
        page.WaitForElement("[data-testid=slip-not-found]");
        Assert.Empty(page.FindAll("[data-testid=slip]"));
        Assert.DoesNotContain(Money.Yuan(held.Held), page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FinanceAndAdmins_SeeEveryStoresSlip()
    {
        var held = _holds.First(h => h.Status == GuaranteeStatus.Held);
        foreach (var (id, role) in new[] { (_p.FinanceId, StaffRole.Finance), (_p.AdminId, StaffRole.Admin) })
        {
            _p.SignInAs(id, role);
            var page = _p.Render<SlipPage>(("Id", held.Id));
            page.WaitForElement("[data-testid=slip]");
            Assert.Equal(Money.Yuan(held.Held), page.Find("[data-testid=slip-held]").TextContent.Trim());
            await _p.Context.DisposeComponentsAsync();
        }
    }

    [Fact]
    public async Task ThePaperChosen_IsTheSlipsLayout_AndItsLinkIsMarked()
    {
        var held = _holds.First(h => h.Status == GuaranteeStatus.Held);
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var navigation = _p.Context.Services.GetRequiredService<NavigationManager>();

        var receipt = _p.Render<SlipPage>(("Id", held.Id));
        receipt.WaitForElement("[data-testid=slip]");
        Assert.Contains("slip-receipt", receipt.Find("[data-testid=slip]").ClassName, StringComparison.Ordinal);
        Assert.Equal("page", receipt.Find("[data-testid=paper-receipt]").GetAttribute("aria-current"));
        Assert.Equal($"/guarantees/{held.Id}/slip?paper=a4", receipt.Find("[data-testid=paper-a4]").GetAttribute("href"));
        await _p.Context.DisposeComponentsAsync();

        navigation.NavigateTo($"/guarantees/{held.Id}/slip?paper=a4");
        var a4 = _p.Render<SlipPage>(("Id", held.Id));
        a4.WaitForElement("[data-testid=slip]");
        Assert.Contains("slip-a4", a4.Find("[data-testid=slip]").ClassName, StringComparison.Ordinal);
        Assert.Equal("page", a4.Find("[data-testid=paper-a4]").GetAttribute("aria-current"));
    }
}
