using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Text;

namespace PosLink.Domain.Guarantees;

/// <summary>The refusals a hold operation can meet, as codes and catalogue phrases.</summary>
public static class GuaranteeProblems
{
    public static readonly Problem NotFound = Problem.NotFound("Hold");

    public static readonly Problem TerminalNotFound = Problem.NotFound("Terminal");

    public static readonly Problem FinanceCannotAct = Problem.Forbidden("Problem.YourRoleMayViewHolds");

    public static Problem TerminalDisabled(string code) =>
        Problem.Invalid("terminalId", "Problem.TerminalDisabledTakesNoHolds", code);

    public static Problem TerminalNotActive(string code) =>
        Problem.Invalid("terminalId", "Problem.TerminalNotActivatedYetActivate", code);

    /// <summary>Says only that the id cannot be used: not whether, or in which store, a hold already has it.</summary>
    public static Problem MerchantOrderIdUsed(string id) =>
        Problem.Invalid("merchantOrderId", "Problem.MerchantOrderIdCannotUsed", id);

    public static Problem NotHeld(Guarantee g) => g.Status switch
    {
        GuaranteeStatus.Completing => new("in-flight", new Phrase("Problem.AlreadyCompletingHoldPleaseWait", g.FinalizedByName)),
        GuaranteeStatus.Voiding => new("in-flight", new Phrase("Problem.AlreadyVoidingHoldPleaseWait", g.FinalizedByName)),
        GuaranteeStatus.Authorizing => new("in-flight", new Phrase("Problem.HoldNotConfirmedYetWaiting")),
        GuaranteeStatus.Completed => new("finished", new Phrase("Problem.HoldAlreadyCompletedCannotCompleted")),
        GuaranteeStatus.Voided => new("finished", new Phrase("Problem.HoldAlreadyVoided")),
        GuaranteeStatus.Expired => new("finished", new Phrase("Problem.HoldExpired")),
        _ => new("finished", new Phrase("Problem.HoldDidNotSucceed")),
    };

    public static Problem CompleteAmount(long amountFen, long heldFen) => amountFen <= 0
        ? Problem.Invalid("amount", "Problem.CompletionAmountMustMoreThan", Money.Yuan(amountFen))
        : Problem.Invalid("amount", "Problem.CompletionAmountExceedsHeldAmount", Money.Yuan(amountFen), Money.Yuan(heldFen));

    public static Problem Declined(string? errCode, string? errInfo)
    {
        // The platform's own words are shown beside the code's meaning only when they add something.
        var spec = Gateway.ResponseCodes.Find(errCode)?.SpecText;
        object? detail = Phrase.Read(errInfo) is { } ours ? ours : string.IsNullOrEmpty(errInfo) || errInfo == spec ? null : errInfo;
        return new Problem("declined", detail is null
            ? new Phrase("Problem.Declined", errCode ?? "—")
            : new Phrase("Problem.DeclinedWithDetail", errCode ?? "—", detail));
    }

    public static readonly Problem Unidentified = new("unidentified", new Phrase("Problem.Unidentified"));

    /// <summary>A completion or void above the approval threshold waits for a second person: nobody else finalizes the hold meanwhile.</summary>
    /// <summary>Someone changed the hold between reading and saving, and it could still be finalized: look again and decide.</summary>
    public static readonly Problem ChangedMeanwhile = new("conflict", new Phrase("Problem.HoldChangedMeanwhile"));

    public static readonly Problem AwaitingApproval = new("awaiting-approval", new Phrase("Problem.HoldAwaitingApproval"));

    public static Problem AwaitingAnswer(GatewayEndpoint endpoint, DateTimeOffset until) => new("awaiting-answer", new Phrase("Problem.AwaitingAnswer", endpoint, until));

    public static readonly Problem ConfirmHeldNeedsOrderId = Problem.Invalid("orderId", "Problem.ConfirmingHoldAsHeldNeeds");

    public static Problem OrderIdNotFound(string orderId) => Problem.Invalid("orderId", "Problem.GatewayHasNoOrderNothing", orderId);

    public static Problem OrderIdNotThisHold(string orderId) => Problem.Invalid("orderId", "Problem.OrderNotHoldAmountTrace", orderId);

    public static Problem OrderIdNotHeld(string orderId, Gateway.Messages.SecureStatus? status)
    {
        var theirs = status is { } secure ? GuaranteeStatuses.FromQuery(secure) : (GuaranteeStatus?)null;
        return Problem.Invalid("orderId", "Problem.GatewaySaysOrderNotHeld", orderId, theirs);
    }

    public static Problem ImportAmbiguous(string? orderId) => new("ambiguous", new Phrase("Problem.OrderCouldMoreThanOne", orderId));

    public static readonly Problem OnlyAdminsConfirm = Problem.Forbidden("Problem.OnlyAdminsMayConfirmHold");

    public static readonly Problem RefreshTooSoon = new("too-soon", new Phrase("Problem.HoldWasQueriedMomentAgo"));

    public static readonly Problem BeingConfirmed = new("confirming", new Phrase("Problem.GatewayAnsweredHoldBeingConfirmed"));

    public static Problem ResyncNotSettled(GuaranteeStatus status) => new("not-settled", new Phrase("Problem.OnlyCompletedVoidedFailedHold", status));

    public static readonly Problem ChangedWhileChecking = new("changed", new Phrase("Problem.HoldChangedWhileGatewayWas"));

    public static readonly Problem ResyncOursStands = new("ours-stands", new Phrase("Problem.ResyncOursStands"));

    public static readonly Problem ResyncNotFound = new("gateway-not-found", new Phrase("Problem.GatewayDoesNotKnowHold"));

    public static readonly Problem ResyncUnclear = new("gateway-unclear", new Phrase("Problem.GatewayGaveNoClearState"));

    public static readonly Problem ResyncFailed = new("gateway-failed", new Phrase("Problem.GatewayReportsTransactionFailedWhich"));

    public static readonly Problem CheckFailed = new("check-failed", new Phrase("Problem.CheckingHoldFailedNothingWas"));

    public static readonly Problem RolloverOtherStore = Problem.Invalid("terminalId", "Problem.RolloverOtherStore");

    public static readonly Problem StillUnknown = new("pending", new Phrase("Problem.GatewayHasNotGivenFinal"));
}
