using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Guarantees;

public sealed partial class GuaranteeService
{
    /// <summary>The gateway's order ids are letters and digits; none the spec shows is longer than 50.</summary>
    public const int MaxOrderIdLength = 50;

    /// <summary>
    /// Finds a hold taken elsewhere (on a POS device, say) by the gateway's orderId, or by its trace number on one
    /// of our terminals, and brings it into PosLink so it can be completed or voided here (by orderId).
    /// </summary>
    public async Task<Result<GuaranteeOutcome>> ImportAsync(Actor actor, int terminalId, string? orderId, string? originalSystemTraceNum = null, CancellationToken cancellationToken = default)
    {
        orderId = string.IsNullOrWhiteSpace(orderId) ? null : orderId.Trim();
        originalSystemTraceNum = string.IsNullOrWhiteSpace(originalSystemTraceNum) ? null : originalSystemTraceNum.Trim();
        if (orderId is null && originalSystemTraceNum is null)
        {
            return Problem.Invalid("orderId", "请输入银商订单号或原交易系统跟踪号。", "Enter the gateway order id or the original system trace number.");
        }
        if (orderId is not null && (orderId.Length > MaxOrderIdLength || !orderId.All(char.IsAsciiLetterOrDigit)))
        {
            return Problem.Invalid("orderId", $"银商订单号只能是不超过{MaxOrderIdLength}位的字母或数字（收到“{Shorten(orderId)}”）",
                $"The gateway order id must be at most {MaxOrderIdLength} letters or digits (got \"{Shorten(orderId)}\").");
        }
        if (originalSystemTraceNum is not null && (originalSystemTraceNum.Length != 6 || !originalSystemTraceNum.All(char.IsAsciiDigit)))
        {
            return Problem.Invalid("originalSystemTraceNum", $"系统跟踪号必须为6位数字（收到“{Shorten(originalSystemTraceNum)}”）",
                $"The system trace number must be 6 digits (got \"{Shorten(originalSystemTraceNum)}\").");
        }

        var now = time.GetUtcNow();
        GatewayOperation operation;
        QueryRequest request;
        Terminals.Terminal terminal;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var found = await db.Terminals.Include(t => t.Merchant).SingleOrDefaultAsync(t => t.Id == terminalId, cancellationToken);
            if (found is null || !actor.CanSee(found.StoreId))
            {
                return GuaranteeProblems.TerminalNotFound;
            }
            if (!actor.CanActIn(found.StoreId))
            {
                return GuaranteeProblems.FinanceCannotAct;
            }
            if (found.Activation != Terminals.ActivationState.Active)
            {
                return GuaranteeProblems.TerminalNotActive(found.TerminalCode);
            }
            terminal = found;
            if (orderId is not null && await ExistingAsync(db, actor, orderId, cancellationToken) is { } existing)
            {
                return existing;
            }
            var recorded = await GatewayLedger.CommitIntentAsync(db, GatewayEndpoint.Query, terminal, null, actor, now, cancellationToken);
            if (!recorded.Succeeded)
            {
                return recorded.Problem!;
            }
            operation = recorded.Value!;
            request = new QueryRequest
            {
                MerchantCode = terminal.Merchant!.MerchantCode,
                TerminalCode = terminal.TerminalCode,
                SystemTraceNum = operation.SystemTraceNum,
                OriginalOrderId = orderId,
                OriginalSystemTraceNum = orderId is null ? originalSystemTraceNum : null,
            };
        }

        var result = await gateway.QueryAsync(request, CancellationToken.None);
        await using var apply = await contexts.CreateDbContextAsync(CancellationToken.None);
        var ledger = await apply.GatewayOperations.SingleAsync(o => o.Id == operation.Id, CancellationToken.None);
        GatewayLedger.RecordAnswer(ledger, result, time.GetUtcNow());
        await apply.SaveChangesAsync(CancellationToken.None);

        if (result is not Answered<QueryResponse> { Response: var response } answered)
        {
            return new Problem("unanswered", "网关未应答，请稍后重试。", "The gateway did not answer; please try again.");
        }
        if (!response.Found || response.OrderId is null)
        {
            return new Problem("not-found", $"网关查无此交易（{response.ErrCode}）：{response.ErrInfo}", $"The gateway has no such transaction ({response.ErrCode}): {response.ErrInfo}");
        }
        if (await ExistingAsync(apply, actor, response.OrderId, CancellationToken.None) is { } already)
        {
            return already;
        }
        if (response.OriginalAmount is not > 0)
        {
            return new Problem("not-a-hold", "网关返回的交易没有担保金额，无法导入。", "The transaction the gateway found has no held amount; it cannot be imported.");
        }

        var guarantee = new Guarantee
        {
            TerminalId = terminal.Id,
            StoreId = terminal.StoreId,
            HeldFen = response.OriginalAmount.Value,
            PayCodeMasked = response.PayCode ?? "",
            Imported = true,
            CreatedAt = now,
            CreatedByUserId = actor.UserId,
            CreatedByName = actor.Name,
            ExpiresAt = now.AddDays(options.CurrentValue.LifetimeDays),
        };
        guarantee.StartAuthorizing(now);
        guarantee.SystemTraceNum = response.DealSystemTraceNum;
        guarantee.RetrievalRefNum = response.DealRetrievalRefNum;
        GuaranteeAnswers.ApplyQuery(guarantee, response, answered.Exchange.SentAt);
        if (Time.ChinaTime.TryResolveMonthDay(response.DealDate, answered.Exchange.SentAt, out var tradeDate))
        {
            guarantee.TradeDate = tradeDate;
        }
        // A new hold starts as Authorizing; the query's verdict moves it like any other query would.
        if (!response.AsksForQuery && response.Guarantee is { } secure)
        {
            guarantee.Apply(GuaranteeEvents.FromQuery(secure), now);
        }
        if (guarantee.Status.IsInFlight())
        {
            guarantee.NextCheckAt = now + options.CurrentValue.Backoff(0);
        }
        apply.Guarantees.Add(guarantee);
        await apply.SaveChangesAsync(CancellationToken.None);
        apply.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.GuaranteeImport, nameof(Guarantee), guarantee.Id, null,
            new { guarantee.OrderId, guarantee.HeldFen, guarantee.Status, Terminal = terminal.TerminalCode }, now));
        await apply.SaveChangesAsync(CancellationToken.None);
        changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
        var kind = guarantee.Status.IsInFlight() ? OutcomeKind.Pending : OutcomeKind.Approved;
        return new GuaranteeOutcome(guarantee.Id, guarantee.Status, kind);
    }

    /// <summary>A hold with that orderId already here: its outcome when the actor may see it, else "not found".</summary>
    private static async Task<Result<GuaranteeOutcome>?> ExistingAsync(Persistence.PosLinkDbContext db, Actor actor, string orderId, CancellationToken cancellationToken)
    {
        var existing = await db.Guarantees.AsNoTracking().SingleOrDefaultAsync(g => g.OrderId == orderId, cancellationToken);
        if (existing is null)
        {
            return null;
        }
        return actor.CanSee(existing.StoreId)
            ? new GuaranteeOutcome(existing.Id, existing.Status, existing.Status.IsInFlight() ? OutcomeKind.Pending : OutcomeKind.Approved)
            : GuaranteeProblems.NotFound;
    }

    /// <summary>What a refusal may echo of the input: at most 20 characters, without control or formatting characters.</summary>
    private static string Shorten(string text)
    {
        var shown = new string(text.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray());
        return shown.Length <= 20 ? shown : shown[..20] + "…";
    }
}
