using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Text;

namespace PosLink.Domain.Guarantees;

public sealed partial class GuaranteeService
{
    public const int MaxResolutionNoteLength = 200;

    /// <summary>
    /// A person closes what the machine cannot: an admin, having checked with the platform (its portal, the
    /// statement, a call), confirms the hold as held, completed (with the amount), voided or failed. The note is
    /// mandatory and audited with the change; the hold's open requests are settled with it. It waits while a request
    /// of the hold may still be acted on by the platform (inside its answer window), and a hold without the platform's
    /// order id is confirmed as held only with that order id, checked by a query first (<see cref="Guarantee.ConfirmHeldBy"/>).
    /// </summary>
    public async Task<Result<GuaranteeOutcome>> ConfirmAsync(Actor actor, long guaranteeId, ConfirmedAs state, long? completedFen, string note, string? orderId = null,
        CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdmin)
        {
            return GuaranteeProblems.OnlyAdminsConfirm;
        }
        note = note?.Trim() ?? "";
        if (note.Length == 0)
        {
            return Problem.Invalid("note", "Problem.SayHowWasCheckedRequired");
        }
        if (Text.TextRules.Check("note", new Text.Phrase("Field.Note"), note, MaxResolutionNoteLength) is { } invalid)
        {
            return invalid;
        }
        orderId = string.IsNullOrWhiteSpace(orderId) ? null : orderId.Trim();
        if (orderId is not null && CheckOrderId(orderId) is { } badOrderId)
        {
            return badOrderId;
        }

        var now = time.GetUtcNow();
        QueryEvidence? orderIdCheck = null;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var guarantee = await db.Guarantees.Include(g => g.Terminal).ThenInclude(t => t!.Merchant).SingleOrDefaultAsync(g => g.Id == guaranteeId, cancellationToken);
            if (guarantee is null || !actor.CanSee(guarantee.StoreId))
            {
                return GuaranteeProblems.NotFound;
            }
            if (guarantee.Status.IsFinal())
            {
                return GuaranteeProblems.NotHeld(guarantee);
            }
            if (await MayStillBeActedOnAsync(db, guaranteeId, now, cancellationToken) is { } open)
            {
                return GuaranteeProblems.AwaitingAnswer(open.Endpoint, open.CreatedAt + timing.AnswerWindow);
            }
            if (state == ConfirmedAs.Held && guarantee.OrderId is null)
            {
                if (orderId is null)
                {
                    return GuaranteeProblems.ConfirmHeldNeedsOrderId;
                }
                if (await db.Guarantees.AnyAsync(g => g.OrderId == orderId, cancellationToken))
                {
                    return GuaranteeProblems.OrderIdNotThisHold(orderId);
                }
                orderIdCheck = await QueryByOrderIdAsync(db, actor, guarantee, orderId, now, cancellationToken);
                if (orderIdCheck is null)
                {
                    return GuaranteeProblems.OrderIdNotFound(orderId);
                }
            }
        }

        now = time.GetUtcNow();
        await using var apply = await contexts.CreateDbContextAsync(CancellationToken.None);
        var hold = await apply.Guarantees.SingleAsync(g => g.Id == guaranteeId, CancellationToken.None);
        var before = new { hold.Status, hold.CompletedFen, hold.AttentionReason };
        var refused = orderIdCheck is not null
            ? hold.ConfirmHeldBy(orderId!, orderIdCheck, actor, now)
            : hold.ConfirmAs(state, completedFen, actor, now);
        if (refused is not null)
        {
            return refused;
        }
        await GuaranteeReconciler.SettleOpenRequestsAsync(apply, hold.Id, new Text.Phrase("Settled.ByHand", hold.Status, note), now);
        await Finance.LateCompletions.NoteAsync(apply, [hold], now, CancellationToken.None);
        apply.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.GuaranteeConfirm, nameof(Guarantee), hold.Id, before,
            new { hold.Status, hold.CompletedFen, hold.OrderId, Note = note }, now));
        try
        {
            await apply.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Problem("changed", new Phrase("Problem.HoldChangedMomentAgoReload"));
        }
        changes.Publish(new GuaranteeChanged(hold.Id, hold.StoreId, hold.Status));
        return hold.CurrentOutcome();
    }

    private static readonly GatewayEndpoint[] MoneyMoving =
    [
        GatewayEndpoint.Preauthorize, GatewayEndpoint.CompleteAuthorization, GatewayEndpoint.VoidAuthorization,
        GatewayEndpoint.QuickCompleteAuthorization, GatewayEndpoint.QuickVoidAuthorization,
    ];

    /// <summary>The hold's latest money-moving request the platform may still act on: sent within the answer window, and not answered.</summary>
    private async Task<GatewayOperation?> MayStillBeActedOnAsync(PosLinkDbContext db, long guaranteeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - timing.AnswerWindow;
        return await db.GatewayOperations.AsNoTracking()
            .Where(o => o.GuaranteeId == guaranteeId && MoneyMoving.Contains(o.Endpoint) &&
                        (o.Outcome == OperationOutcome.Pending || o.Outcome == OperationOutcome.Unknown) && o.CreatedAt > cutoff)
            .OrderByDescending(o => o.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Asks the gateway about <paramref name="orderId"/> on behalf of the hold (recorded before it is sent, under the
    /// hold's action number), and returns the answer as evidence; null when there is none to judge.
    /// </summary>
    private async Task<QueryEvidence?> QueryByOrderIdAsync(PosLinkDbContext db, Actor actor, Guarantee guarantee, string orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recorded = await GatewayLedger.CommitIntentAsync(db, GatewayEndpoint.Query, guarantee.Terminal!, guarantee, actor, now, cancellationToken);
        if (!recorded.Succeeded)
        {
            return null;
        }
        var operation = recorded.Value;
        var result = await gateway.QueryAsync(GuaranteeReconciler.QueryFor(guarantee, operation, orderId), CancellationToken.None);
        await using var answer = await contexts.CreateDbContextAsync(CancellationToken.None);
        var ledger = await answer.GatewayOperations.SingleAsync(o => o.Id == operation.Id, CancellationToken.None);
        GatewayLedger.RecordAnswer(ledger, result, time.GetUtcNow());
        await answer.SaveChangesAsync(CancellationToken.None);
        return result is Answered<QueryResponse> ? GuaranteeReconciler.Evidence(result, byTrace: false, operation.HoldActionNumber ?? guarantee.ActionNumber) : null;
    }
}
