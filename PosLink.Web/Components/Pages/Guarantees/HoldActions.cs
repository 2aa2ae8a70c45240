using MudBlazor;
using PosLink.Domain.Common;
using PosLink.Domain.Guarantees;
using PosLink.Web.Identity;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Pages.Guarantees;

/// <summary>A hold as its actions name it to a person: by its order id, with the amount it holds.</summary>
public sealed record HoldRef(long Id, string Name, long HeldFen)
{
    public static HoldRef Of(GuaranteeRow row) => new(row.Id, NameOf(row.Id, row.MerchantOrderId, row.OrderId), row.HeldFen);

    public static HoldRef Of(GuaranteeView hold) => new(hold.Id, NameOf(hold.Id, hold.MerchantOrderId, hold.OrderId), hold.HeldFen);

    private static string NameOf(long id, string? merchantOrderId, string? orderId) =>
        merchantOrderId ?? orderId ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The row and detail actions (complete, void, refresh): asks through a dialog, calls the domain as the actor the
/// session is now (not as it was when the page opened), and says what happened, naming the hold ("DEMO-STMT-B 已完成
/// ¥1,000.00"), since a person may have several open. The domain authorizes and decides; this only asks and tells.
/// </summary>
public sealed class HoldActions(GuaranteeService guarantees, CurrentActor currentActor, IDialogService dialogs, ISnackbar snackbar)
{
    public async Task<GuaranteeOutcome?> CompleteAsync(HoldRef hold)
    {
        var dialog = await dialogs.ShowAsync<CompleteDialog>(L.CompleteHold(hold.Name), new DialogParameters<CompleteDialog> { { d => d.HeldFen, hold.HeldFen } });
        if (await dialog.Result is not { Canceled: false, Data: long fen })
        {
            return null;
        }
        return Report(await guarantees.CompleteAsync(await currentActor.RequireAsync(), hold.Id, fen), hold.Name, fen);
    }

    public async Task<GuaranteeOutcome?> VoidAsync(HoldRef hold)
    {
        var dialog = await dialogs.ShowAsync<VoidDialog>(L.VoidHold(hold.Name), new DialogParameters<VoidDialog> { { d => d.HeldFen, hold.HeldFen } });
        if (await dialog.Result is not { Canceled: false, Data: string reason })
        {
            return null;
        }
        return Report(await guarantees.VoidAsync(await currentActor.RequireAsync(), hold.Id, reason), hold.Name, hold.HeldFen);
    }

    public async Task<GuaranteeOutcome?> RefreshAsync(HoldRef hold) => Report(await guarantees.RefreshAsync(await currentActor.RequireAsync(), hold.Id), hold.Name);

    /// <summary>
    /// Tells the user plainly, naming the hold: done (its state, and the amount when money moved), refused (why),
    /// waiting for a second person's approval, or waiting for the gateway.
    /// </summary>
    public GuaranteeOutcome? Report(Result<GuaranteeOutcome> result, string holdName, long? movedFen = null)
    {
        if (!result.Succeeded)
        {
            snackbar.Add(L.HoldSays(holdName, L.Say(result.Problem)), Severity.Error);
            return null;
        }
        var outcome = result.Value;
        switch (outcome.Kind)
        {
            case OutcomeKind.Approved:
                snackbar.Add(movedFen is { } fen
                    ? L.HoldNowAmount(holdName, L.Name(outcome.Status), Money.Yuan(fen))
                    : L.HoldNow(holdName, L.Name(outcome.Status)), Severity.Success);
                break;
            case OutcomeKind.AwaitingApproval:
                snackbar.Add(L.ApprovalRequested(holdName), Severity.Info);
                break;
            case OutcomeKind.Declined:
                snackbar.Add(L.HoldSays(holdName, outcome.Reason is { } refusal ? L.Say(refusal) : L.DeclinedByGateway), Severity.Warning);
                break;
            default:
                snackbar.Add(L.HoldSays(holdName, L.Say(outcome.Reason ?? GuaranteeProblems.StillUnknown)), Severity.Info);
                break;
        }
        return outcome;
    }
}
