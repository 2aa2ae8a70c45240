using PosLink.Domain.Common;

namespace PosLink.Domain.Finance;

/// <summary>The refusals of reconciliation and statement imports, in both languages.</summary>
public static class FinanceProblems
{
    public static readonly Problem OnlyFinance = Problem.Forbidden("只有财务和管理员可以对账。", "Only finance and admins may reconcile.");

    public static readonly Problem DifferenceNotFound = Problem.NotFound("差异", "difference");

    public static readonly Problem MerchantNotFound = Problem.NotFound("商户", "merchant");

    public static Problem FutureDate(DateOnly date) =>
        Problem.Invalid("settlementDate", $"结算日期{date:yyyy-MM-dd}尚未到来，不能核对。", $"The settlement date {date:yyyy-MM-dd} has not come yet; it cannot be checked.");

    public static Problem AlreadyRunning(DateOnly date, string? by) => by is null
        ? new("running", $"{date:yyyy-MM-dd}正在核对中，请等它完成。", $"{date:yyyy-MM-dd} is already being checked; wait for it to finish.")
        : new("running", $"{by}正在核对{date:yyyy-MM-dd}，请等它完成。", $"{by} is already checking {date:yyyy-MM-dd}; wait for it to finish.");

    public static Problem AlreadyResolved(string? by) =>
        new("resolved", $"此差异已由{by ?? "系统"}处理。", $"This difference was already resolved by {by ?? "the system"}.");

    public static readonly Problem ResyncOnlyFromGateway = new("not-gateway",
        "只有与网关的差异可以按网关同步；对账单的差异请核实后写明依据接受。",
        "Only a difference with the gateway can be re-synced from it; check a statement difference and accept it with a note.");

    public static readonly Problem NoteRequired = Problem.Invalid("note", "请写明接受差异的依据（必填）。", "Say why the difference is accepted (required).");

    public static readonly Problem HoldsChangedDuringImport = new("changed",
        "导入期间有担保发生了变化，未导入任何内容；请重新导入。", "Some holds changed while the statement was being imported; nothing was stored. Import it again.");

    public static readonly Problem Changed = new("changed", "此差异刚刚有了变化，请刷新后再试。", "The difference changed a moment ago; reload it and try again.");
}
