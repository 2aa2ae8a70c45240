using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages.Guarantees;

namespace PosLink.Tests.Components;

/// <summary>Rolling over from a hold's page: the form comes filled, the new code is scanned, and the deposit shows both.</summary>
public sealed class RolloverPageTests : IAsyncLifetime
{
    private PageHarness _p = default!;

    public async Task InitializeAsync() => _p = await PageHarness.CreateAsync();

    public async Task DisposeAsync() => await _p.DisposeAsync();

    [Fact]
    public async Task TheFormComesFilled_AndTheNewHoldHeld_VoidsTheOld_AndLinksTheDeposit()
    {
        var old = (await _p.Ledger.Guarantees.TakeAsync(_p.Ledger.JinganManager, new TakeHold(_p.Ledger.Jingan.Id, 88_800, PayMode.CodeScan, "134567890123456789", MerchantRemark: "1208 房"))).Unwrap().GuaranteeId;
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        _p.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/guarantees/new?rollover={old}");

        var page = _p.Render<TakeHoldPage>();
        page.WaitForElement("[data-testid=rollover-of]");
        Assert.Equal("888.00", page.Find("input[data-testid=amount]").GetAttribute("value"));
        Assert.Equal("1208 房", page.Find("input[data-testid=remark]").GetAttribute("value"));
        page.Find("input[data-testid=paycode]").Input("134567890123450555");
        page.Find("input[data-testid=paycode]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        page.WaitForElement("[data-testid=deposit]");
        Assert.Equal($"/deposits/{old}", page.Find("[data-testid=deposit]").GetAttribute("href"));
        Assert.Equal(GuaranteeStatus.Voided, (await _p.Ledger.LoadAsync(old)).Status);
        Assert.Equal(1, _p.Ledger.Gateway.Count(GatewayEndpoint.VoidAuthorization));

        await _p.Context.DisposeComponentsAsync();
        var deposit = _p.Render<DepositPage>(("Id", old));
        deposit.WaitForAssertion(() => Assert.Equal(2, deposit.FindAll("tr[data-testid=deposit-hold]").Count));
        Assert.Contains("¥888.00", deposit.Find("[data-testid=deposit-held-now]").TextContent, StringComparison.Ordinal);
        Assert.Contains("担保续期", deposit.Find("[data-testid=deposit-history]").TextContent, StringComparison.Ordinal);
    }
}
