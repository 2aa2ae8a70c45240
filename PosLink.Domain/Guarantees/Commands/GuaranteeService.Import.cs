using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Telemetry;
using PosLink.Domain.Text;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

public sealed partial class GuaranteeService
{
    /// <summary>The gateway's order ids are letters and digits; none the spec shows is longer than 50.</summary>
    public const int MaxOrderIdLength = 50;

    /// <summary>What a manager is told for every import that finds nothing of theirs: unknown, another store's, or an order id that does not match.</summary>
    public static readonly Problem NothingToImport = new("not-found", new Phrase("Problem.NoSuchTransactionTerminalCheck"));

    /// <summary>
    /// Brings in a hold taken elsewhere (on a POS device) so it can be completed or voided here. The platform's answer
    /// carries no terminal code, so an order id alone proves nothing about whose hold it is: store managers import
    /// by their own terminal and the original trace number (which the platform scopes to that terminal), the order
    /// id at most a check; admins may import by order id alone into the store of the terminal they choose. A hold
    /// PosLink took itself and is still waiting for (its answer lost) is settled instead of added twice.
    /// </summary>
    public async Task<Result<GuaranteeOutcome>> ImportAsync(Actor actor, int terminalId, string? orderId, string? originalSystemTraceNum = null, CancellationToken cancellationToken = default)
    {
        using var span = PosLinkTelemetry.StartAction("hold import")?.SetTag("poslink.terminal_id", terminalId);
        orderId = string.IsNullOrWhiteSpace(orderId) ? null : orderId.Trim();
        originalSystemTraceNum = string.IsNullOrWhiteSpace(originalSystemTraceNum) ? null : originalSystemTraceNum.Trim();
        if (CheckImport(actor, orderId, originalSystemTraceNum) is { } invalid)
        {
            return invalid;
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
                return recorded.Problem;
            }
            operation = recorded.Value;
            // A manager's query goes by trace only, so that the platform answers for this terminal alone (with both,
            // it would go by the order id and ignore the trace, spec 1.9).
            var byOrderId = actor.IsAdmin && orderId is not null;
            request = new QueryRequest
            {
                MerchantCode = terminal.Merchant!.MerchantCode,
                TerminalCode = terminal.TerminalCode,
                SystemTraceNum = operation.SystemTraceNum,
                OriginalOrderId = byOrderId ? orderId : null,
                OriginalSystemTraceNum = byOrderId ? null : originalSystemTraceNum,
            };
        }

        var result = await gateway.QueryAsync(request, CancellationToken.None);
        await using var apply = await contexts.CreateDbContextAsync(CancellationToken.None);
        var ledger = await apply.GatewayOperations.SingleAsync(o => o.Id == operation.Id, CancellationToken.None);
        GatewayLedger.RecordAnswer(ledger, result, time.GetUtcNow());
        await apply.SaveChangesAsync(CancellationToken.None);

        if (result is not Answered<QueryResponse> { Response: var response } answered)
        {
            return new Problem("unanswered", new Phrase("Problem.GatewayDidNotAnswerPlease"));
        }
        var evidence = GuaranteeReconciler.Evidence(result, byTrace: request.OriginalOrderId is null, sentAtAction: 0);
        if (evidence.NotFound || !response.Found || response.OrderId is null || (orderId is not null && response.OrderId != orderId))
        {
            // "not-found" only when the platform said so; an error answer (a bad signature, say) is no proof of absence.
            return actor.IsAdmin
                ? new Problem(evidence.NotFound ? "not-found" : "refused", new Phrase("Problem.GatewayHasNoSuchTransaction", response.ErrCode, response.ErrInfo))
                : NothingToImport;
        }
        if (await ExistingAsync(apply, actor, response.OrderId, CancellationToken.None) is { } already)
        {
            return already;
        }
        if (response.OriginalAmount is not > 0)
        {
            return new Problem("not-a-hold", new Phrase("Problem.TransactionGatewayFoundHasNo"));
        }

        now = time.GetUtcNow();
        var twins = await TwinsAsync(apply, terminal, byOrderId: request.OriginalOrderId is not null, response, answered.Exchange.SentAt);
        if (twins.Count > 1)
        {
            return GuaranteeProblems.ImportAmbiguous(response.OrderId);
        }
        if (twins.SingleOrDefault() is { } twin)
        {
            await reconciler.SettleAsync(apply, twin, evidence with { ByTrace = true, SentAtAction = twin.ActionNumber }, operation.Id, now);
            await apply.SaveChangesAsync(CancellationToken.None);
            changes.Publish(new GuaranteeChanged(twin.Id, twin.StoreId, twin.Status));
            return twin.CurrentOutcome();
        }

        var guarantee = Guarantee.Import(terminal, response, answered.Exchange.SentAt, actor, now, timing.Options.LifetimeDays);
        // A new hold starts as being authorized; the same answer then settles it like any query would.
        guarantee.Settle(evidence with { ByTrace = false }, timing.Context(now, 0, null));
        apply.Guarantees.Add(guarantee);
        await apply.SaveChangesAsync(CancellationToken.None);
        apply.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.GuaranteeImport, nameof(Guarantee), guarantee.Id, null,
            new { guarantee.OrderId, guarantee.HeldFen, guarantee.Status, Terminal = terminal.TerminalCode, guarantee.SystemTraceNum }, now));
        await apply.SaveChangesAsync(CancellationToken.None);
        changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
        return guarantee.CurrentOutcome();
    }

    /// <summary>
    /// PosLink's own open holds the answer may be about though none has its order id (a 担保 whose answer was lost, or
    /// one an earlier version confirmed without it): the same trace number, trade day and amount, on the terminal the
    /// platform scoped the query to (by trace), or on any terminal of the merchant (by order id: the answer names no
    /// terminal, so the one an admin chose proves nothing).
    /// </summary>
    private static async Task<List<Guarantee>> TwinsAsync(PosLinkDbContext db, Terminals.Terminal terminal, bool byOrderId, QueryResponse response, DateTimeOffset sentAt)
    {
        var dealt = ChinaTime.TryResolveMonthDay(response.DealDate, sentAt, out var day) ? day : (DateOnly?)null;
        var held = QueryAmounts.Held(response);
        var twins = db.Guarantees.Where(g => g.OrderId == null && GuaranteeStatuses.Open.Contains(g.Status) &&
                                             g.SystemTraceNum == response.DealSystemTraceNum && g.TradeDate == dealt && g.HeldFen == held);
        twins = byOrderId ? twins.Where(g => g.Terminal!.MerchantId == terminal.MerchantId) : twins.Where(g => g.TerminalId == terminal.Id);
        return await twins.Take(2).ToListAsync(CancellationToken.None);
    }

    private static Problem? CheckImport(Actor actor, string? orderId, string? trace)
    {
        if (orderId is null && trace is null)
        {
            return Problem.Invalid("orderId", "Problem.EnterGatewayOrderIdOriginal");
        }
        if (orderId is not null && CheckOrderId(orderId) is { } badOrderId)
        {
            return badOrderId;
        }
        if (trace is not null && (trace.Length != 6 || !trace.All(char.IsAsciiDigit)))
        {
            return Problem.Invalid("originalSystemTraceNum", "Problem.SystemTraceNumberMust6", Shorten(trace));
        }
        if (!actor.IsAdmin && trace is null)
        {
            return Problem.Invalid("originalSystemTraceNum", "Problem.EnterOriginalSystemTraceNumber");
        }
        return null;
    }

    /// <summary>The gateway's order ids are letters and digits, at most <see cref="MaxOrderIdLength"/>.</summary>
    private static Problem? CheckOrderId(string orderId) => orderId.Length > MaxOrderIdLength || !orderId.All(char.IsAsciiLetterOrDigit)
        ? Problem.Invalid("orderId", "Problem.GatewayOrderIdMustAt", MaxOrderIdLength, Shorten(orderId))
        : null;

    /// <summary>A hold with that orderId already here: its outcome when the actor may see it, else what a manager hears for "nothing".</summary>
    private static async Task<Result<GuaranteeOutcome>?> ExistingAsync(PosLinkDbContext db, Actor actor, string orderId, CancellationToken cancellationToken)
    {
        var existing = await db.Guarantees.AsNoTracking().SingleOrDefaultAsync(g => g.OrderId == orderId, cancellationToken);
        if (existing is null)
        {
            return null;
        }
        return actor.CanSee(existing.StoreId) ? existing.CurrentOutcome() : NothingToImport;
    }

    /// <summary>What a refusal may echo of the input: at most 20 characters, without control or formatting characters.</summary>
    private static string Shorten(string text)
    {
        var shown = new string(text.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format).ToArray());
        return shown.Length <= 20 ? shown : shown[..20] + "…";
    }
}
