using MudBlazor;
using PosLink.Domain.Common;
using PosLink.Domain.Guarantees;
using PosLink.Web.Identity;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Pages.Guarantees;

/// <summary>
/// The row and detail actions (complete, void, refresh): asks through a dialog, calls the domain as the actor the
/// session is now (not as it was when the page opened), and says what happened. The domain authorizes and decides;
/// this only asks and tells.
/// </summary>
public sealed class HoldActions(GuaranteeService guarantees, CurrentActor currentActor, IDialogService dialogs, ISnackbar snackbar)
{
    public async Task<GuaranteeOutcome?> CompleteAsync(long guaranteeId, long heldFen)
    {
        var dialog = await dialogs.ShowAsync<CompleteDialog>(L.Complete, new DialogParameters<CompleteDialog> { { d => d.HeldFen, heldFen } });
        var answer = await dialog.Result;
        if (answer is not { Canceled: false, Data: long fen })
        {
            return null;
        }
        return Report(await guarantees.CompleteAsync(await currentActor.RequireAsync(), guaranteeId, fen));
    }

    public async Task<GuaranteeOutcome?> VoidAsync(long guaranteeId, long heldFen)
    {
        var dialog = await dialogs.ShowAsync<VoidDialog>(L.Void, new DialogParameters<VoidDialog> { { d => d.HeldFen, heldFen } });
        var answer = await dialog.Result;
        if (answer is not { Canceled: false, Data: string reason })
        {
            return null;
        }
        return Report(await guarantees.VoidAsync(await currentActor.RequireAsync(), guaranteeId, reason));
    }

    public async Task<GuaranteeOutcome?> RefreshAsync(long guaranteeId) => Report(await guarantees.RefreshAsync(await currentActor.RequireAsync(), guaranteeId));

    /// <summary>Tells the user plainly: done, refused (why), or waiting for the gateway.</summary>
    public GuaranteeOutcome? Report(Result<GuaranteeOutcome> result)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        if (!result.Succeeded)
        {
            snackbar.Add(L.Say(result.Problem), Severity.Error);
            return null;
        }
        var outcome = result.Value;
        switch (outcome.Kind)
        {
            case OutcomeKind.Approved:
                snackbar.Add(L.DonePrefix + L.Name(outcome.Status), Severity.Success);
                break;
            case OutcomeKind.Declined:
                snackbar.Add(outcome.Reason is { } refusal ? L.Say(refusal) : L.DeclinedByGateway, Severity.Warning);
                break;
            default:
                snackbar.Add(L.Say(outcome.Reason ?? GuaranteeProblems.StillUnknown), Severity.Info);
                break;
        }
        return outcome;
    }
}
