using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;

namespace PosLink.Tests.Support;

/// <summary>
/// One Jing'an hold in every state, with its money worked out by hand (not by <see cref="HoldFigures"/>): what every
/// page, total, export and report must show for it. Built on the harness's "today", after one hold has lived out its lifetime.
/// </summary>
public static class MoneyFixture
{
    /// <summary>A hold's figures as a person reads them: held, completed, released, merchant and other discount, paid by customer.</summary>
    public sealed record Expected(string Name, long Id, GuaranteeStatus Status, long Held, long? Completed, long? Released, long? MerchantDiscount, long? OtherDiscount, long? Paid);

    public static async Task<IReadOnlyList<Expected>> BuildAsync(LedgerHarness h)
    {
        var window = h.AnswerWindow;
        var holds = new List<Expected>();

        // Released by the platform at the end of its lifetime: the clock moves on a month, and "today" is after it.
        var expired = await h.HeldAsync(80_000, "134567890123400001");
        h.Time.Advance(TimeSpan.FromDays(h.Options.LifetimeDays + 1));
        h.Gateway.SetStatus((await h.LoadAsync(expired)).OrderId!, SecureStatus.Voided);
        await h.Reconciler.CheckAsync(Actor.System, expired);
        holds.Add(new("expired", expired, GuaranteeStatus.Expired, 80_000, null, 80_000, null, null, null));

        holds.Add(new("held", await h.HeldAsync(30_000, "134567890123400002"), GuaranteeStatus.Held, 30_000, null, null, null, null, null));

        var partial = await h.HeldAsync(120_000, "134567890123400003");
        (await h.Guarantees.CompleteAsync(h.JinganManager, partial, 96_500)).Unwrap();
        holds.Add(new("completed in part", partial, GuaranteeStatus.Completed, 120_000, 96_500, 23_500, 0, 0, 96_500));

        h.Gateway.DiscountNextHold(1_000, 500);
        var discounted = await h.HeldAsync(20_000, "134567890123400004");
        (await h.Guarantees.CompleteAsync(h.JinganManager, discounted, 20_000)).Unwrap();
        holds.Add(new("completed with discounts", discounted, GuaranteeStatus.Completed, 20_000, 20_000, 0, 1_000, 500, 18_500));

        var completing = await h.HeldAsync(40_000, "134567890123400005");
        h.Gateway.Next(GatewayEndpoint.CompleteAuthorization, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.Timeout));
        await h.Guarantees.CompleteAsync(h.JinganManager, completing, 25_000);
        holds.Add(new("completing", completing, GuaranteeStatus.Completing, 40_000, null, null, null, null, null));

        var voiding = await h.HeldAsync(50_000, "134567890123400006");
        h.Gateway.Next(GatewayEndpoint.VoidAuthorization, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.Timeout));
        await h.Guarantees.VoidAsync(h.JinganManager, voiding, "顾客取消");
        holds.Add(new("voiding", voiding, GuaranteeStatus.Voiding, 50_000, null, null, null, null, null));

        var voided = await h.HeldAsync(60_000, "134567890123400007");
        (await h.Guarantees.VoidAsync(h.JinganManager, voided, "顾客取消")).Unwrap();
        holds.Add(new("voided", voided, GuaranteeStatus.Voided, 60_000, null, 60_000, null, null, null));

        h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(ErrCode: "51"));
        var declined = (await h.Guarantees.TakeAsync(h.JinganManager, new TakeHold(h.Jingan.Id, 70_000, PayMode.CodeScan, "134567890123400008"))).Unwrap().GuaranteeId;
        holds.Add(new("declined", declined, GuaranteeStatus.Declined, 70_000, null, null, null, null, null));

        h.Gateway.Next(GatewayEndpoint.Preauthorize, new ScriptedGateway.Script(Performs: false, Unanswered: UnansweredReason.Timeout));
        var failed = (await h.Guarantees.TakeAsync(h.JinganManager, new TakeHold(h.Jingan.Id, 25_000, PayMode.CodeScan, "134567890123400009"))).Unwrap().GuaranteeId;
        h.Time.Advance(window + TimeSpan.FromSeconds(1));
        (await h.Guarantees.ConfirmAsync(h.Admin, failed, ConfirmedAs.Failed, null, "银商平台查无此交易")).Unwrap();
        holds.Add(new("failed", failed, GuaranteeStatus.Failed, 25_000, null, null, null, null, null));

        var authorizing = await h.UnansweredTakeAsync(h.Jingan, h.JinganManager, "134567890123400010");
        holds.Add(new("authorizing", authorizing, GuaranteeStatus.Authorizing, 20_000, null, null, null, null, null));

        foreach (var hold in holds)
        {
            Assert.Equal((hold.Name, hold.Status), (hold.Name, (await h.LoadAsync(hold.Id)).Status));
        }
        return holds;
    }

    /// <summary>The expected figures in <see cref="HoldFigures"/>' shape, to compare with what a read model carries.</summary>
    public static HoldFigures Figures(this Expected e) => new(e.Held, e.Completed, e.Released, e.MerchantDiscount, e.OtherDiscount, e.Paid);
}
