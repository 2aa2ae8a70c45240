using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Staff;
using PosLink.Domain.Telemetry;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

public sealed partial class GuaranteeService
{
    /// <summary>A void's reason is kept in the audit trail; the dialog says so too.</summary>
    public const int MaxVoidReasonLength = 100;

    /// <summary>Completes (captures) <paramref name="amountFen"/> of a held hold: more than zero, at most the held amount, once.</summary>
    public async Task<Result<GuaranteeOutcome>> CompleteAsync(Actor actor, long guaranteeId, long amountFen, CancellationToken cancellationToken = default)
    {
        using var span = PosLinkTelemetry.StartAction("hold complete")?.SetTag("poslink.guarantee_id", guaranteeId);
        var begun = await BeginFinalizeAsync(actor, guaranteeId, amountFen, reason: null, cancellationToken);
        if (!begun.Succeeded)
        {
            return begun.Problem;
        }
        var (guarantee, operation, terminal) = begun.Value;
        var (merchant, terminalCode, trace) = (terminal.Merchant!.MerchantCode, terminal.TerminalCode, operation.SystemTraceNum);
        if (operation.Endpoint == GatewayEndpoint.CompleteAuthorization)
        {
            var result = await gateway.CompleteAsync(new CompleteAuthorizationRequest
            {
                MerchantCode = merchant,
                TerminalCode = terminalCode,
                SystemTraceNum = trace,
                TransactionAmount = amountFen,
                AuthorizationCode = guarantee.AuthorizationCode!,
                OriginalTransactionDate = ChinaTime.MonthDay(guarantee.TradeDate!.Value),
                OriginalSystemTraceNum = guarantee.SystemTraceNum!,
            }, CancellationToken.None);
            return await ApplyAnswerAsync(guarantee.Id, operation.Id, result);
        }
        var quick = await gateway.QuickCompleteAsync(new QuickCompleteAuthorizationRequest
        {
            MerchantCode = merchant,
            TerminalCode = terminalCode,
            SystemTraceNum = trace,
            TransactionAmount = amountFen,
            OrderId = guarantee.OrderId!,
        }, CancellationToken.None);
        return await ApplyAnswerAsync(guarantee.Id, operation.Id, quick);
    }

    /// <summary>The rule a void's reason keeps (its length, no invisible characters): the dialog asks it as it is typed.</summary>
    public static Problem? CheckVoidReason(string? reason) =>
        Text.TextRules.Check("reason", new Text.Phrase("Field.VoidReason"), reason?.Trim(), MaxVoidReasonLength);

    /// <summary>Voids (releases) a held hold; the amount is always the held amount.</summary>
    public async Task<Result<GuaranteeOutcome>> VoidAsync(Actor actor, long guaranteeId, string? reason = null, CancellationToken cancellationToken = default)
    {
        using var span = PosLinkTelemetry.StartAction("hold void")?.SetTag("poslink.guarantee_id", guaranteeId);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (CheckVoidReason(reason) is { } invalid)
        {
            return invalid;
        }
        var begun = await BeginFinalizeAsync(actor, guaranteeId, amountFen: null, reason, cancellationToken);
        if (!begun.Succeeded)
        {
            return begun.Problem;
        }
        var (guarantee, operation, terminal) = begun.Value;
        var (merchant, terminalCode, trace) = (terminal.Merchant!.MerchantCode, terminal.TerminalCode, operation.SystemTraceNum);
        if (operation.Endpoint == GatewayEndpoint.VoidAuthorization)
        {
            var result = await gateway.VoidAsync(new VoidAuthorizationRequest
            {
                MerchantCode = merchant,
                TerminalCode = terminalCode,
                SystemTraceNum = trace,
                TransactionAmount = guarantee.HeldFen,
                AuthorizationCode = guarantee.AuthorizationCode!,
                OriginalTransactionDate = ChinaTime.MonthDay(guarantee.TradeDate!.Value),
                OriginalSystemTraceNum = guarantee.SystemTraceNum!,
            }, CancellationToken.None);
            return await ApplyAnswerAsync(guarantee.Id, operation.Id, result);
        }
        var quick = await gateway.QuickVoidAsync(new QuickVoidAuthorizationRequest
        {
            MerchantCode = merchant,
            TerminalCode = terminalCode,
            SystemTraceNum = trace,
            TransactionAmount = guarantee.HeldFen,
            OrderId = guarantee.OrderId!,
        }, CancellationToken.None);
        return await ApplyAnswerAsync(guarantee.Id, operation.Id, quick);
    }

    /// <summary>
    /// Authorizes, lets the hold begin its completion or void, and records the operation, all in one transaction
    /// guarded by the hold's version: of two concurrent clicks exactly one gets here and sends.
    /// </summary>
    private async Task<Result<(Guarantee Guarantee, GatewayOperation Operation, Terminals.Terminal Terminal)>> BeginFinalizeAsync(
        Actor actor, long guaranteeId, long? amountFen, string? reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var guarantee = await db.Guarantees.Include(g => g.Terminal).ThenInclude(t => t!.Merchant)
            .SingleOrDefaultAsync(g => g.Id == guaranteeId, cancellationToken);
        if (guarantee is null || !actor.CanSee(guarantee.StoreId))
        {
            return GuaranteeProblems.NotFound;
        }
        if (!actor.CanActIn(guarantee.StoreId))
        {
            return GuaranteeProblems.FinanceCannotAct;
        }
        var complete = amountFen is not null;
        var before = new { guarantee.Status, guarantee.HeldFen };
        if ((complete ? guarantee.BeginComplete(amountFen!.Value, actor, now, AbandonedAfter(now)) : guarantee.BeginVoid(actor, now, AbandonedAfter(now))) is { } refused)
        {
            return refused;
        }

        var endpoint = complete
            ? guarantee.UsesQuickEndpoints ? GatewayEndpoint.QuickCompleteAuthorization : GatewayEndpoint.CompleteAuthorization
            : guarantee.UsesQuickEndpoints ? GatewayEndpoint.QuickVoidAuthorization : GatewayEndpoint.VoidAuthorization;
        var amount = amountFen ?? guarantee.HeldFen;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recorded = await GatewayLedger.RecordIntentAsync(db, endpoint, guarantee.Terminal!, guarantee, amount, actor, now, cancellationToken: cancellationToken);
        if (!recorded.Succeeded)
        {
            return recorded.Problem;
        }
        db.AuditEntries.Add(AuditTrail.Entry(actor, complete ? AuditActions.GuaranteeComplete : AuditActions.GuaranteeVoid, nameof(Guarantee), guarantee.Id,
            before, new { guarantee.Status, AmountFen = amount, recorded.Value.SystemTraceNum, Reason = reason }, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else changed the hold since we read it: tell who, and send nothing.
            await transaction.RollbackAsync(CancellationToken.None);
            await using var fresh = await contexts.CreateDbContextAsync(CancellationToken.None);
            var current = await fresh.Guarantees.AsNoTracking().SingleAsync(g => g.Id == guaranteeId, CancellationToken.None);
            return GuaranteeProblems.NotHeld(current);
        }
        changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
        return (guarantee, recorded.Value, guarantee.Terminal!);
    }
}
