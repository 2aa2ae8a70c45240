using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Time;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>Item 10: near midnight our clock and the platform's may date a hold differently; a completion cites the platform's date.</summary>
public sealed class PlatformTradeDateTests
{
    [Fact]
    public async Task AQuerysDealDate_WinsOverOurRecordedTradeDate_AndTheCompletionCitesIt()
    {
        // 23:59:59 China time on our clock; the platform dates the hold two seconds later, on the next day.
        await using var h = await LedgerHarness.CreateAsync(new DateTimeOffset(2026, 11, 27, 15, 59, 59, TimeSpan.Zero));
        h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: true, Unanswered: UnansweredReason.Timeout, PlatformSkew: TimeSpan.FromSeconds(2)));
        var id = (await h.Guarantees.TakeAsync(h.JinganManager, new TakeHold(h.Jingan.Id, 20_000, PayMode.CodeScan, "134567890123456789"))).Unwrap().GuaranteeId;
        Assert.Equal(new DateOnly(2026, 11, 27), (await h.LoadAsync(id)).TradeDate);

        // The query is answered on the platform's day (just after midnight).
        h.Time.Advance(TimeSpan.FromSeconds(1));
        h.Gateway.Next(GatewayEndpoint.Query, new ScriptedGateway.Script());
        await h.SettleAsync();
        var g = await h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Held, new DateOnly(2026, 11, 28)), (g.Status, g.TradeDate));

        var completed = (await h.Guarantees.CompleteAsync(h.JinganManager, id, 20_000)).Unwrap();
        Assert.Equal(GuaranteeStatus.Completed, completed.Status);
        var request = (CompleteAuthorizationRequest)h.Gateway.Requests.Last(r => r.Endpoint == GatewayEndpoint.CompleteAuthorization).Request;
        Assert.Equal("1128", request.OriginalTransactionDate);
        Assert.Equal(ChinaTime.MonthDay(new DateOnly(2026, 11, 28)), request.OriginalTransactionDate);
    }
}
