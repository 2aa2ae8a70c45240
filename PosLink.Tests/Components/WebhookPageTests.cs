using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain.Staff;
using PosLink.Domain.Webhooks;
using PosLink.Tests.Support;
using PosLink.Web.Components.Pages.Admin;

namespace PosLink.Tests.Components;

/// <summary>An admin registers a merchant's endpoint, sees its secret once, and reads and resends from its delivery log.</summary>
public sealed class WebhookPageTests : IAsyncLifetime
{
    private PageHarness _p = default!;
    private WebhookReceiver _receiver = default!;

    public async Task InitializeAsync()
    {
        _p = await PageHarness.CreateAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _p.DisposeAsync();
    }

    [Fact]
    public async Task TheSecret_IsShownOnce_AndAPrivateAddressIsRefusedBesideTheField()
    {
        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var page = _p.Render<WebhooksAdmin>();
        page.WaitForElement("[data-testid=no-webhooks]");

        page.Find("input[data-testid=webhook-url], [data-testid=webhook-url] input").Input(_receiver.Address.ToString());
        page.Find("[data-testid=register-webhook]").Click();
        page.WaitForAssertion(() => Assert.Contains("是内网地址", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=webhook-secret]"));

        page.Find("input[data-testid=webhook-allow-private], [data-testid=webhook-allow-private] input").Change(true);
        page.Find("[data-testid=register-webhook]").Click();
        var secret = page.WaitForElement("[data-testid=webhook-secret]").TextContent;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        page.WaitForElement("tr[data-testid=webhook-row]");

        // Opened again, the page lists the endpoint but never the secret.
        await _p.Context.DisposeComponentsAsync();
        var again = _p.Render<WebhooksAdmin>();
        again.WaitForElement("tr[data-testid=webhook-row]");
        Assert.DoesNotContain(secret, again.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLog_ShowsEachAttempt_AndResendsADeliveredEvent()
    {
        var webhooks = _p.Context.Services.GetRequiredService<WebhookService>();
        var endpoint = (await webhooks.RegisterAsync(_p.Ledger.Admin, _p.Ledger.Jingan.MerchantId, _receiver.Address.ToString(), true)).Unwrap();
        _receiver.Script.Enqueue(WebhookReceiver.Fails());
        await _p.Ledger.HeldAsync();
        var dispatcher = _p.Context.Services.GetRequiredService<WebhookDispatcher>();
        await dispatcher.DeliverDueAsync();
        _p.Ledger.Time.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.DeliverDueAsync();

        _p.SignInAs(_p.AdminId, StaffRole.Admin);
        var page = _p.Render<WebhookLog>(("Id", endpoint.Id));
        var row = page.WaitForElement("tr[data-testid=delivery]");
        Assert.Contains("担保已冻结", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("已送达", row.QuerySelector("[data-testid=delivery-state]")!.TextContent, StringComparison.Ordinal);
        var attempts = row.QuerySelector("[data-testid=delivery-attempts]")!.TextContent;
        Assert.Contains("对方返回 500", attempts, StringComparison.Ordinal);
        Assert.Contains("响应 204", attempts, StringComparison.Ordinal);

        row.QuerySelector("[data-testid=resend]")!.Click();
        page.WaitForAssertion(() => Assert.Equal("no", page.Find("tr[data-testid=delivery]").GetAttribute("data-delivered")));
        await dispatcher.DeliverDueAsync();
        Assert.Equal(3, _receiver.Posts.Count);
        Assert.Single(_receiver.Posts.Select(p => p.EventId).Distinct());
    }

    [Fact]
    public void AStoreManager_CannotReadALog()
    {
        _p.SignInAs(_p.JinganManagerId, StaffRole.StoreManager);
        var page = _p.Render<WebhookLog>(("Id", 1));
        page.WaitForElement("[data-testid=webhook-missing]");
    }
}
