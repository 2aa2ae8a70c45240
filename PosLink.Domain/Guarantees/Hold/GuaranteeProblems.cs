using PosLink.Domain.Common;
using PosLink.Domain.Gateway;

namespace PosLink.Domain.Guarantees;

/// <summary>The refusals a hold operation can meet, in both languages.</summary>
public static class GuaranteeProblems
{
    public static readonly Problem NotFound = Problem.NotFound("担保", "hold");

    public static readonly Problem TerminalNotFound = Problem.NotFound("终端", "terminal");

    public static readonly Problem FinanceCannotAct = Problem.Forbidden("您的角色只能查看，不能操作担保。", "Your role may view holds but not act on them.");

    public static Problem TerminalDisabled(string code) =>
        Problem.Invalid("terminalId", $"终端{code}已停用，不能担保。", $"Terminal {code} is disabled and takes no holds.");

    public static Problem TerminalNotActive(string code) =>
        Problem.Invalid("terminalId", $"终端{code}尚未激活，请先激活终端。", $"Terminal {code} is not activated yet; activate it first.");

    /// <summary>Says only that the id cannot be used: not whether, or in which store, a hold already has it.</summary>
    public static Problem MerchantOrderIdUsed(string id) =>
        Problem.Invalid("merchantOrderId", $"商户订单号{id}不能使用，请换一个。", $"Merchant order id {id} cannot be used; choose another.");

    public static Problem NotHeld(Guarantee g) => g.Status switch
    {
        GuaranteeStatus.Completing => new("in-flight", $"{g.FinalizedByName}正在完成此担保，请稍候。", $"{g.FinalizedByName} is already completing this hold; please wait."),
        GuaranteeStatus.Voiding => new("in-flight", $"{g.FinalizedByName}正在撤销此担保，请稍候。", $"{g.FinalizedByName} is already voiding this hold; please wait."),
        GuaranteeStatus.Authorizing => new("in-flight", "担保尚未成功（等待顾客或网关），请稍候。", "The hold is not confirmed yet (waiting for the customer or the gateway)."),
        GuaranteeStatus.Completed => new("finished", "此担保已完成，不能再次完成或撤销。", "This hold is already completed; it cannot be completed again or voided."),
        GuaranteeStatus.Voided => new("finished", "此担保已撤销。", "This hold is already voided."),
        GuaranteeStatus.Expired => new("finished", "此担保已过期，资金已释放。", "This hold has expired and the funds were released."),
        _ => new("finished", "此担保未成功，没有可操作的资金。", "This hold did not succeed; there are no funds to act on."),
    };

    public static Problem CompleteAmount(long amountFen, long heldFen) => amountFen <= 0
        ? Problem.Invalid("amount", $"完成金额必须大于0（收到 {Money.Yuan(amountFen)}）", $"The completion amount must be more than zero (got {Money.Yuan(amountFen)}).")
        : Problem.Invalid("amount", $"完成金额{Money.Yuan(amountFen)}超过担保金额{Money.Yuan(heldFen)}", $"The completion amount {Money.Yuan(amountFen)} exceeds the held amount {Money.Yuan(heldFen)}.");

    public static Problem Declined(string? errCode, string? errInfo)
    {
        var known = Gateway.ResponseCodes.Find(errCode);
        var chinese = known?.Chinese ?? errInfo ?? "未知原因";
        var english = known?.English ?? errInfo ?? "unknown reason";
        return new Problem("declined", $"网关拒绝（{errCode}）：{chinese}{Detail(errInfo, known?.Chinese)}", $"Declined by the gateway ({errCode}): {english}{Detail(errInfo, known?.English)}");

        static string Detail(string? info, string? meaning) => string.IsNullOrEmpty(info) || info == meaning ? "" : $" — {info}";
    }

    public static readonly Problem Unidentified = new("unidentified",
        "此担保缺少银商订单号和原交易信息，无法向网关完成或撤销；请管理员先在“需要处理”中按平台订单号确认。",
        "This hold has neither the gateway's order id nor its original trade details, so it cannot be completed or voided; an admin must first confirm it with the platform's order id under Needs attention.");

    public static Problem AwaitingAnswer(GatewayEndpoint endpoint, DateTimeOffset until) => new("awaiting-answer",
        $"此担保的{EndpointChinese(endpoint)}请求仍可能被网关处理（至{Time.ChinaTime.ToChina(until):HH:mm:ss}），请在此之后再确认。",
        $"The hold's {endpoint} request may still be acted on by the gateway (until {Time.ChinaTime.ToChina(until):HH:mm:ss} China time); confirm after that.");

    public static readonly Problem ConfirmHeldNeedsOrderId = Problem.Invalid("orderId",
        "确认为担保中需要平台的银商订单号（请在银商平台上查到后填写）。", "Confirming the hold as held needs the platform's order id (look it up on the ChinaUMS portal).");

    public static Problem OrderIdNotFound(string orderId) => Problem.Invalid("orderId",
        $"网关查无银商订单号{orderId}，未作更改。", $"The gateway has no order {orderId}; nothing was changed.");

    public static Problem OrderIdNotThisHold(string orderId) => Problem.Invalid("orderId",
        $"银商订单号{orderId}的交易与此担保不符（金额、流水号或交易日期不同），未作更改。",
        $"Order {orderId} is not this hold (its amount, trace number or trade date differ); nothing was changed.");

    public static Problem OrderIdNotHeld(string orderId, Gateway.Messages.SecureStatus? status)
    {
        var theirs = status is { } secure ? GuaranteeStatuses.FromQuery(secure) : (GuaranteeStatus?)null;
        return Problem.Invalid("orderId",
            $"网关显示银商订单号{orderId}为{theirs?.Chinese() ?? "状态不明"}，不是担保中，未作更改。",
            $"The gateway says order {orderId} is {theirs?.ToString() ?? "in no clear state"}, not held; nothing was changed.");
    }

    public static Problem ImportAmbiguous(string? orderId) => new("ambiguous",
        $"银商订单号{orderId}可能对应本系统中的多笔担保（同一流水号、交易日和金额），未导入；请联系技术支持。",
        $"Order {orderId} could be more than one of PosLink's holds (same trace number, trade day and amount); nothing was imported. Contact support.");

    public static readonly Problem OnlyAdminsConfirm = Problem.Forbidden("只有管理员可以人工确认担保的结果。", "Only admins may confirm a hold's outcome by hand.");

    public static readonly Problem RefreshTooSoon = new("too-soon",
        "刚刚已查询过此担保，请10秒后再试。", "This hold was queried a moment ago; try again in 10 seconds.");

    public static readonly Problem BeingConfirmed = new("confirming",
        "网关已应答，正在确认担保结果，请稍候，结果会自动更新。", "The gateway answered; the hold is being confirmed and updates by itself shortly.");

    public static Problem ResyncNotSettled(GuaranteeStatus status) => new("not-settled",
        $"只有已完成、已撤销或失败的担保可以按网关同步（此担保为{status.Chinese()}）。", $"Only a completed, voided or failed hold can be re-synced from the gateway (this one is {status}).");

    public static readonly Problem ChangedWhileChecking = new("changed",
        "查询期间此担保有了新的操作，网关的应答已过时，未采用；请重试。", "The hold changed while the gateway was being asked; its answer is out of date and was not used. Try again.");

    public static readonly Problem ResyncOursStands = new("ours-stands",
        "此完成金额来自我方完成请求的网关应答，查询结果只作对照，不会覆盖；如差异属实，请写明依据接受此差异。",
        "This completion's amount came from the gateway's answer to our own completion: a query's figure is compared, never adopted. If the difference is real, accept it with a note.");

    public static readonly Problem ResyncNotFound = new("gateway-not-found",
        "网关查无此担保，无法同步；请与银商核实后，写明依据接受此差异。", "The gateway does not know this hold, so there is nothing to re-sync from; check with ChinaUMS and accept the difference with a note.");

    public static readonly Problem ResyncUnclear = new("gateway-unclear",
        "网关没有给出明确的担保状态，未作更改；请稍后再试。", "The gateway gave no clear state for the hold; nothing was changed. Try again later.");

    public static readonly Problem ResyncFailed = new("gateway-failed",
        "网关报告此交易失败，与已完成/已撤销的记录不符；请与银商核实后写明依据接受此差异。",
        "The gateway reports the transaction failed, which neither completion nor void explains; check with ChinaUMS and accept the difference with a note.");

    public static readonly Problem CheckFailed = new("check-failed",
        "查询此担保时出错，未作更改；请稍后再试。", "Checking this hold failed and nothing was changed; try again later.");

    private static string EndpointChinese(GatewayEndpoint endpoint) => endpoint switch
    {
        GatewayEndpoint.Preauthorize => "担保",
        GatewayEndpoint.CompleteAuthorization or GatewayEndpoint.QuickCompleteAuthorization => "完成",
        GatewayEndpoint.VoidAuthorization or GatewayEndpoint.QuickVoidAuthorization => "撤销",
        _ => "查询",
    };

    public static readonly Problem StillUnknown = new("pending",
        "网关尚未给出最终结果，PosLink会自动查询并更新。", "The gateway has not given a final answer yet; PosLink will query and update by itself.");
}
