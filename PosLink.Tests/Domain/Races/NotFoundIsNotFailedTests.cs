using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Tests.Support;

namespace PosLink.Tests.Domain.Races;

/// <summary>
/// Item 4: "not found" is not "failed". A hold whose 担保 went unanswered is Failed only after not-found answers over
/// more than the answer window, on its request's trade day; a query by trace carries no date, so after midnight
/// (China time) a hold still not found needs a person instead.
/// </summary>
public sealed class NotFoundIsNotFailedTests
{

    private static async Task<long> UnansweredTakeAsync(LedgerHarness h)
    {
        h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.Timeout));
        return (await h.Guarantees.TakeAsync(h.JinganManager, new TakeHold(h.Jingan.Id, 20_000, PayMode.CodeScan, "134567890123456789"))).Unwrap().GuaranteeId;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ASingleNotFound_AfterTheWindow_IsNotFailed_SeveralOverMoreThanTheWindowAre(bool queryResCodeShape)
    {
        await using var h = await LedgerHarness.CreateAsync();
        h.Gateway.NotFoundAsQueryResCode = queryResCodeShape;
        var id = await UnansweredTakeAsync(h);

        h.Time.Advance(h.AnswerWindow);
        await h.Reconciler.CheckAsync(Actor.System, id);
        Assert.Equal(GuaranteeStatus.Authorizing, (await h.LoadAsync(id)).Status);

        h.Time.Advance(h.AnswerWindow + TimeSpan.FromSeconds(1));
        await h.Reconciler.CheckAsync(Actor.System, id);
        var g = await h.LoadAsync(id);
        Assert.Equal((GuaranteeStatus.Failed, false), (g.Status, g.NeedsAttention));
    }

    [Fact]
    public async Task ARequestSentBeforeMidnight_NotFoundAfterIt_NeedsAttention_NotFailed()
    {
        // 23:59:00 China time.
        await using var h = await LedgerHarness.CreateAsync(new DateTimeOffset(2026, 11, 27, 15, 59, 0, TimeSpan.Zero));
        var id = await UnansweredTakeAsync(h);

        // The first not-found answer comes after midnight: the platform's day, and its trace numbers, are new.
        h.Time.Advance(h.AnswerWindow);
        await h.Reconciler.CheckAsync(Actor.System, id);
        h.Time.Advance(TimeSpan.FromMinutes(5));
        await h.Reconciler.CheckAsync(Actor.System, id);

        var g = await h.LoadAsync(id);
        Assert.NotEqual(GuaranteeStatus.Failed, g.Status);
        Assert.True(g.NeedsAttention);
        Assert.Contains("交易日", Said.Zh(g.AttentionReason), StringComparison.Ordinal);
    }
}
