using MudBlazor;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Guarantees.Approvals;
using PosLink.Web.Components.Pages.Guarantees;
using PosLink.Web.Identity;
using PosLink.Web.Resources;

namespace PosLink.Web.Components.Pages.Approvals;

/// <summary>
/// Approve, reject and withdraw, wherever a request is shown (the approvals list, the hold's page): asks first, calls
/// the domain as the actor the session is now, and says what happened, naming the hold. The domain decides who may.
/// </summary>
public sealed class ApprovalActions(GuaranteeService guarantees, HoldActions holds, CurrentActor currentActor, IDialogService dialogs, ISnackbar snackbar)
{
    /// <summary>Approving sends money-moving requests: the dialog says exactly what goes to the gateway.</summary>
    public async Task<bool> ApproveAsync(ApprovalRow request)
    {
        var sure = await dialogs.ShowMessageBoxAsync(L.ApproveTitle(request.HoldName), L.ApproveConfirm(request.Kind, request.AmountFen, request.HoldName, request.MakerName),
            yesText: L.Approve, cancelText: L.Cancel);
        if (sure != true)
        {
            return false;
        }
        var moved = request.Kind == ApprovalKind.Complete ? request.AmountFen : (long?)null;
        return holds.Report(await guarantees.ApproveAsync(await currentActor.RequireAsync(), request.Id), request.HoldName, moved) is not null;
    }

    public async Task<bool> RejectAsync(ApprovalRow request)
    {
        var dialog = await dialogs.ShowAsync<RejectDialog>(L.RejectTitle(request.HoldName));
        if (await dialog.Result is not { Canceled: false, Data: string reason })
        {
            return false;
        }
        return Said(await guarantees.RejectAsync(await currentActor.RequireAsync(), request.Id, reason), request, L.RejectedNotice(request.HoldName));
    }

    public async Task<bool> WithdrawAsync(ApprovalRow request) =>
        Said(await guarantees.WithdrawAsync(await currentActor.RequireAsync(), request.Id), request, L.WithdrawnNotice(request.HoldName));

    private bool Said(Domain.Common.Result<GuaranteeOutcome> result, ApprovalRow request, string done)
    {
        if (!result.Succeeded)
        {
            snackbar.Add(L.HoldSays(request.HoldName, L.Say(result.Problem)), Severity.Error);
            return false;
        }
        snackbar.Add(done, Severity.Success);
        return true;
    }
}
