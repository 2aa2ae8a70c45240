using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PosLink.Domain;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Webhooks;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain;

/// <summary>
/// Webhooks through an outbox: each event is committed with its change, posted to the merchant's receiver signed, once,
/// retried with back-off when the receiver fails, and never posted to an internal address or across a redirect
/// unless the endpoint allows it.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private LedgerHarness _h = default!;
    private WebhookReceiver _receiver = default!;

    private WebhookService Webhooks => _h.Services.GetRequiredService<WebhookService>();
    private WebhookDispatcher Dispatcher => _h.Services.GetRequiredService<WebhookDispatcher>();
    private GuaranteeService Guarantees => _h.Services.GetRequiredService<GuaranteeService>();

    public async Task InitializeAsync()
    {
        _h = await LedgerHarness.CreateAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _h.DisposeAsync();
    }

    private async Task<RegisteredWebhook> RegisterAsync(Uri? url = null, bool allowPrivate = true) =>
        (await Webhooks.RegisterAsync(_h.Admin, _h.Jingan.MerchantId, (url ?? _receiver.Address).ToString(), allowPrivate)).Unwrap();

    private async Task<long> HeldAsync(long amountFen = 30_000) =>
        (await Guarantees.TakeAsync(_h.JinganManager, new TakeHold(_h.Jingan.Id, amountFen, PayMode.CodeScan, "134567890123456789"))).Unwrap().GuaranteeId;

    private async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = await _h.Contexts.CreateDbContextAsync();
        return await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    [Fact]
    public async Task EachEvent_ReachesTheReceiverOnce_SignedSoItVerifies()
    {
        var endpoint = await RegisterAsync();
        Assert.StartsWith("whsec_", endpoint.Secret, StringComparison.Ordinal);
        var completed = await HeldAsync();
        (await Guarantees.CompleteAsync(_h.JinganManager, completed, 20_000)).Unwrap();
        var voided = await HeldAsync();
        (await Guarantees.VoidAsync(_h.JinganManager, voided, "退房")).Unwrap();
        // Another merchant's endpoint would hear nothing of these; nor is anything posted before the dispatcher runs.
        Assert.Empty(_receiver.Posts);

        Assert.Equal(4, await Dispatcher.DeliverDueAsync());
        Assert.Equal(0, await Dispatcher.DeliverDueAsync());

        var posts = _receiver.Posts.ToList();
        Assert.Equal([WebhookEvents.Held, WebhookEvents.Completed, WebhookEvents.Held, WebhookEvents.Voided], posts.Select(p => p.EventType));
        Assert.Equal(4, posts.Select(p => p.EventId).Distinct().Count());
        Assert.All(posts, p => Assert.True(WebhookSignature.Verify(endpoint.Secret, p.Timestamp, p.Body, p.Signature, _h.Time.GetUtcNow(), TimeSpan.FromMinutes(5))));
        // Signed over the exact body: a changed byte, or another secret, does not verify.
        var first = posts[1];
        Assert.False(WebhookSignature.Verify(endpoint.Secret, first.Timestamp, first.Body.Replace("20000", "20001", StringComparison.Ordinal), first.Signature, _h.Time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_other", first.Timestamp, first.Body, first.Signature, _h.Time.GetUtcNow(), TimeSpan.FromMinutes(5)));

        using var body = JsonDocument.Parse(first.Body);
        Assert.Equal(first.EventId, body.RootElement.GetProperty("id").GetString());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal((completed, "Completed", 30_000L, 20_000L, 10_000L),
            (data.GetProperty("guaranteeId").GetInt64(), data.GetProperty("status").GetString(), data.GetProperty("heldFen").GetInt64(),
             data.GetProperty("completedFen").GetInt64(), data.GetProperty("releasedFen").GetInt64()));
    }

    [Fact]
    public async Task AFailingReceiver_IsRetriedWithBackoff_AndGetsTheSameEventLater()
    {
        await RegisterAsync();
        _receiver.Script.Enqueue(WebhookReceiver.Fails());
        _receiver.Script.Enqueue(WebhookReceiver.Fails(503));
        await HeldAsync();

        Assert.Equal(0, await Dispatcher.DeliverDueAsync());
        var first = Assert.Single(await DeliveriesAsync());
        Assert.Equal((1, 500, WebhookErrors.Status), (first.Attempts, first.LastStatusCode, first.LastError));
        var wait = first.NextAttemptAt - _h.Time.GetUtcNow();
        Assert.InRange(wait, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
        // Not due yet: nothing is posted.
        Assert.Equal(0, await Dispatcher.DeliverDueAsync());
        Assert.Single(_receiver.Posts);

        _h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await Dispatcher.DeliverDueAsync());
        var second = Assert.Single(await DeliveriesAsync());
        Assert.InRange(second.NextAttemptAt - _h.Time.GetUtcNow(), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

        _h.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await Dispatcher.DeliverDueAsync());
        var delivered = Assert.Single(await DeliveriesAsync());
        Assert.Equal((3, 204), (delivered.Attempts, delivered.LastStatusCode));
        Assert.NotNull(delivered.DeliveredAt);
        Assert.Single(_receiver.Posts.Select(p => p.EventId).Distinct());
        var log = (await Webhooks.LogAsync(_h.Admin, delivered.EndpointId))!.Value.Deliveries;
        Assert.Equal([204, 503, 500], Assert.Single(log).Tries.Select(t => t.StatusCode));
    }

    [Fact]
    public async Task AfterADayOfFailures_ItGivesUp_AndAResendPostsTheSameEvent()
    {
        await RegisterAsync();
        for (var i = 0; i < 40; i++)
        {
            _receiver.Script.Enqueue(WebhookReceiver.Fails());
        }
        await HeldAsync();
        for (var i = 0; i < 40 && (await DeliveriesAsync())[0].GaveUpAt is null; i++)
        {
            await Dispatcher.DeliverDueAsync();
            _h.Time.Advance(WebhookDispatcher.LongestWait);
        }
        var gaveUp = Assert.Single(await DeliveriesAsync());
        Assert.NotNull(gaveUp.GaveUpAt);
        Assert.InRange(gaveUp.Attempts, 10, 40);
        _receiver.Script.Clear();

        (await Webhooks.ResendAsync(_h.Admin, gaveUp.Id)).Unwrap();
        Assert.Equal(1, await Dispatcher.DeliverDueAsync());
        Assert.Equal(gaveUp.EventId, _receiver.Posts.Last().EventId);
    }

    [Fact]
    public async Task TheEvent_IsCommittedWithTheChange_SoACrashBeforeDeliveryLosesNothing_AndNoChangeCommitsWithoutIt()
    {
        await RegisterAsync();
        var hold = await HeldAsync();
        // The process "crashes" here: nothing was posted, but the row was committed with the hold.
        Assert.Equal(GuaranteeStatus.Held, (await _h.LoadAsync(hold)).Status);
        Assert.Equal(WebhookEvents.Held, Assert.Single(await DeliveriesAsync()).Type);
        // A new process (a fresh container, fresh dispatcher) delivers it.
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_h.Time).AddSingleton(_h.Connection)
            .AddPosLinkDomain(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddSingleton<IPosLinkGateway>(_h.Gateway);
        await using (var restarted = services.BuildServiceProvider())
        {
            Assert.Equal(1, await restarted.GetRequiredService<WebhookDispatcher>().DeliverDueAsync());
        }
        Assert.Single(_receiver.Posts);

        // When the outbox row cannot be written, the change is not committed either: the void stays in flight, unapplied.
        await using (var db = await _h.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER refuse_outbox BEFORE INSERT ON WebhookDeliveries BEGIN SELECT RAISE(ABORT, 'outbox refused'); END");
        }
        await Guarantees.VoidAsync(_h.JinganManager, hold, "退房");
        Assert.Equal(GuaranteeStatus.Voiding, (await _h.LoadAsync(hold)).Status);
        Assert.Single(await DeliveriesAsync());
    }

    [Fact]
    public async Task AReceiverThatRedirects_IsNotFollowed()
    {
        await using var elsewhere = await WebhookReceiver.StartAsync();
        await RegisterAsync();
        _receiver.Script.Enqueue(WebhookReceiver.RedirectsTo(elsewhere.Address));
        await HeldAsync();

        Assert.Equal(0, await Dispatcher.DeliverDueAsync());
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((302, WebhookErrors.Redirect), (delivery.LastStatusCode, delivery.LastError));
        Assert.Empty(elsewhere.Posts);
    }

    [Theory]
    [InlineData("http://hooks.example.com/x", "Problem.WebhookHttpsRequired")]
    [InlineData("https://10.1.2.3/x", "Problem.WebhookPrivateAddress")]
    [InlineData("https://192.168.1.20/x", "Problem.WebhookPrivateAddress")]
    [InlineData("https://169.254.169.254/latest/meta-data", "Problem.WebhookPrivateAddress")]
    [InlineData("https://[::ffff:172.16.0.1]/x", "Problem.WebhookPrivateAddress")]
    [InlineData("https://[fd00::1]/x", "Problem.WebhookPrivateAddress")]
    [InlineData("http://localhost:5000/x", "Problem.WebhookPrivateAddress")]
    [InlineData("ftp://hooks.example.com/x", "Problem.WebhookAddressInvalid")]
    [InlineData("https://user:pass@hooks.example.com/x", "Problem.WebhookAddressInvalid")]
    public async Task AnAddressOnAPrivateNetwork_OrNotHttps_IsRefused(string url, string problem)
    {
        var refused = await Webhooks.RegisterAsync(_h.Admin, _h.Jingan.MerchantId, url, allowPrivateNetwork: false);
        Assert.Equal(problem, refused.Problem?.Message.Key);
        await using var db = await _h.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await db.WebhookEndpoints.CountAsync());
    }

    [Fact]
    public async Task AnAllowedPrivateEndpoint_LaterDisallowed_IsRefusedWhenConnecting_WhateverTheNameResolvesTo()
    {
        Assert.True((await Webhooks.RegisterAsync(_h.Admin, _h.Jingan.MerchantId, "https://10.1.2.3/x", allowPrivateNetwork: true)).Succeeded);
        // A name that resolves to loopback (as DNS might be made to, after registration): the connection itself is checked.
        var byName = new UriBuilder(_receiver.Address) { Host = "localhost" }.Uri;
        var endpoint = await RegisterAsync(byName);
        await using (var db = await _h.Contexts.CreateDbContextAsync())
        {
            await db.WebhookEndpoints.Where(e => e.Id != endpoint.Id).ExecuteDeleteAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE WebhookEndpoints SET AllowPrivateNetwork = 0");
        }
        await HeldAsync();

        Assert.Equal(0, await Dispatcher.DeliverDueAsync());
        Assert.Equal(WebhookErrors.PrivateAddress, Assert.Single(await DeliveriesAsync()).LastError);
        Assert.Empty(_receiver.Posts);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("100.64.0.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fc00::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("2001:4860:4860::8888", false)]
    public void InternalAddresses_AreKnown(string address, bool isInternal) =>
        Assert.Equal(isInternal, WebhookAddress.IsInternal(IPAddress.Parse(address)));

    [Fact]
    public async Task OnlyAnAdmin_Registers_AndTheSecretIsNeverStoredInTheClear()
    {
        Assert.Equal(WebhookProblems.AdminsOnly, (await Webhooks.RegisterAsync(_h.JinganManager, _h.Jingan.MerchantId, _receiver.Address.ToString(), true)).Problem);
        var endpoint = await RegisterAsync();
        await using var db = await _h.Contexts.CreateDbContextAsync();
        var stored = await db.WebhookEndpoints.SingleAsync();
        Assert.DoesNotContain(endpoint.Secret, stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.After ?? "").ToListAsync(), after => after.Contains(endpoint.Secret, StringComparison.Ordinal));
    }
}
