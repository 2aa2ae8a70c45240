using PosLink.Domain.Common;
using PosLink.Domain.Text;

namespace PosLink.Domain.Finance;

/// <summary>The refusals of reconciliation and statement imports, in both languages.</summary>
public static class FinanceProblems
{
    public static readonly Problem OnlyFinance = Problem.Forbidden("Problem.OnlyFinanceAdminsMayReconcile");

    public static readonly Problem DifferenceNotFound = Problem.NotFound("Difference");

    public static readonly Problem MerchantNotFound = Problem.NotFound("Merchant");

    public static Problem FutureDate(DateOnly date) =>
        Problem.Invalid("settlementDate", "Problem.SettlementDateHasNotCome", date);

    public static Problem AlreadyRunning(DateOnly date, string? by) => by is null
        ? new("running", new Phrase("Problem.AlreadyBeingCheckedWaitFinish", date))
        : new("running", new Phrase("Problem.AlreadyCheckingWaitFinish", by, date));

    public static Problem AlreadyResolved(string? by) =>
        new("resolved", new Phrase("Problem.DifferenceWasAlreadyResolved", by));

    public static readonly Problem ResyncOnlyFromGateway = new("not-gateway", new Phrase("Problem.OnlyDifferenceGatewayCanRe"));

    public static readonly Problem NoteRequired = Problem.Invalid("note", "Problem.SayWhyDifferenceAcceptedRequired");

    public static readonly Problem HoldsChangedDuringImport = new("changed", new Phrase("Problem.SomeHoldsChangedWhileStatement"));

    public static readonly Problem Changed = new("changed", new Phrase("Problem.DifferenceChangedMomentAgoReload"));
}
