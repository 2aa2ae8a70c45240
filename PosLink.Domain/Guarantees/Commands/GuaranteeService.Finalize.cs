using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees.Approvals;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Telemetry;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

public sealed partial class GuaranteeService
{
    /// <summary>A void's reason is kept in the audit trail; the dialog says so too.</summary>
    public const int MaxVoidReasonLength = 100;

    /// <summary>
    /// Completes (captures) <paramref name="amountFen"/> of a held hold: more than zero, at most the held amount, once.
    /// Above <see cref="GuaranteeOptions.SecondApprovalAboveFen"/> a store manager's completion becomes a request for approval.
    /// </summary>
    public Task<Result<GuaranteeOutcome>> CompleteAsync(Actor actor, long guaranteeId, long amountFen, CancellationToken cancellationToken = default) =>
        CompleteAsync(actor, guaranteeId, amountFen, bulkRunId: null, cancellationToken);

    /// <summary>A completion a bulk run makes: a request it turns into names the run.</summary>
    internal async Task<Result<GuaranteeOutcome>> CompleteAsync(Actor actor, long guaranteeId, long amountFen, long? bulkRunId, CancellationToken cancellationToken)
    {
        using var span = PosLinkTelemetry.StartAction("hold complete")?.SetTag("poslink.guarantee_id", guaranteeId);
        var begun = await BeginFinalizeAsync(actor, guaranteeId, new Finalizing(ApprovalKind.Complete, amountFen, null, bulkRunId), cancellationToken);
        return begun.Succeeded ? await SendAsync(begun.Value) : begun.Problem;
    }

    /// <summary>The rule a void's reason keeps (its length, no invisible characters): the dialog asks it as it is typed.</summary>
    public static Problem? CheckVoidReason(string? reason) =>
        Text.TextRules.Check("reason", new Text.Phrase("Field.VoidReason"), reason?.Trim(), MaxVoidReasonLength);

    /// <summary>
    /// Voids (releases) a held hold; the amount is always the held amount. Above
    /// <see cref="GuaranteeOptions.SecondApprovalAboveFen"/> a store manager's void becomes a request for approval.
    /// </summary>
    public Task<Result<GuaranteeOutcome>> VoidAsync(Actor actor, long guaranteeId, string? reason = null, CancellationToken cancellationToken = default) =>
        VoidAsync(actor, guaranteeId, reason, bulkRunId: null, cancellationToken);

    /// <summary>A void a bulk run makes: a request it turns into names the run.</summary>
    internal Task<Result<GuaranteeOutcome>> VoidAsync(Actor actor, long guaranteeId, string? reason, long? bulkRunId, CancellationToken cancellationToken) =>
        VoidAsync(actor, guaranteeId, reason, new Finalizing(ApprovalKind.Void, null, null, bulkRunId), cancellationToken);

    private async Task<Result<GuaranteeOutcome>> VoidAsync(Actor actor, long guaranteeId, string? reason, Finalizing finalizing, CancellationToken cancellationToken)
    {
        using var span = PosLinkTelemetry.StartAction("hold void")?.SetTag("poslink.guarantee_id", guaranteeId);
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (CheckVoidReason(reason) is { } invalid)
        {
            return invalid;
        }
        var begun = await BeginFinalizeAsync(actor, guaranteeId, finalizing with { Reason = reason }, cancellationToken);
        return begun.Succeeded ? await SendAsync(begun.Value) : begun.Problem;
    }

    /// <summary>
    /// What a completion or void is asked to do: its kind, amount (a completion's) and reason (a void's); the bulk run
    /// that asks (if any); and, when it is an approval, the request it carries out. <see cref="SecondApproval"/> false:
    /// the rollover's release of the hold it replaced, which moves no money the customer has not already re-held.
    /// </summary>
    private sealed record Finalizing(ApprovalKind Kind, long? AmountFen, string? Reason, long? BulkRunId, ApprovalRequest? Approving = null, bool SecondApproval = true);

    /// <summary>What a begun finalization sends, or (<see cref="Operation"/> null) the request for approval it became.</summary>
    private sealed record Begun(Guarantee Guarantee, Terminals.Terminal Terminal, long AmountFen, GatewayOperation? Operation);

    /// <summary>Sends the recorded completion or void, once, and hands its answer to the hold.</summary>
    private async Task<Result<GuaranteeOutcome>> SendAsync(Begun begun)
    {
        var (guarantee, terminal, amountFen, operation) = begun;
        if (operation is null)
        {
            return guarantee.Outcome(OutcomeKind.AwaitingApproval);
        }
        var (merchant, terminalCode, trace) = (terminal.Merchant!.MerchantCode, terminal.TerminalCode, operation.SystemTraceNum);
        // Never cancelled: once recorded, the request goes out whole, and its answer is always applied.
        return operation.Endpoint switch
        {
            GatewayEndpoint.CompleteAuthorization => await ApplyAnswerAsync(guarantee.Id, operation.Id, await gateway.CompleteAsync(new CompleteAuthorizationRequest
            {
                MerchantCode = merchant,
                TerminalCode = terminalCode,
                SystemTraceNum = trace,
                TransactionAmount = amountFen,
                AuthorizationCode = guarantee.AuthorizationCode!,
                OriginalTransactionDate = ChinaTime.MonthDay(guarantee.TradeDate!.Value),
                OriginalSystemTraceNum = guarantee.SystemTraceNum!,
            }, CancellationToken.None)),
            GatewayEndpoint.QuickCompleteAuthorization => await ApplyAnswerAsync(guarantee.Id, operation.Id, await gateway.QuickCompleteAsync(new QuickCompleteAuthorizationRequest
            {
                MerchantCode = merchant,
                TerminalCode = terminalCode,
                SystemTraceNum = trace,
                TransactionAmount = amountFen,
                OrderId = guarantee.OrderId!,
            }, CancellationToken.None)),
            GatewayEndpoint.VoidAuthorization => await ApplyAnswerAsync(guarantee.Id, operation.Id, await gateway.VoidAsync(new VoidAuthorizationRequest
            {
                MerchantCode = merchant,
                TerminalCode = terminalCode,
                SystemTraceNum = trace,
                TransactionAmount = amountFen,
                AuthorizationCode = guarantee.AuthorizationCode!,
                OriginalTransactionDate = ChinaTime.MonthDay(guarantee.TradeDate!.Value),
                OriginalSystemTraceNum = guarantee.SystemTraceNum!,
            }, CancellationToken.None)),
            _ => await ApplyAnswerAsync(guarantee.Id, operation.Id, await gateway.QuickVoidAsync(new QuickVoidAuthorizationRequest
            {
                MerchantCode = merchant,
                TerminalCode = terminalCode,
                SystemTraceNum = trace,
                TransactionAmount = amountFen,
                OrderId = guarantee.OrderId!,
            }, CancellationToken.None)),
        };
    }

    /// <summary>
    /// Authorizes, lets the hold begin its completion or void, and records the operation, all in one transaction
    /// guarded by the hold's version: of two concurrent clicks (or a click, an approval and a bulk run) exactly one
    /// gets here and sends. A store manager's finalization above the threshold is recorded as a request instead.
    /// </summary>
    private async Task<Result<Begun>> BeginFinalizeAsync(Actor actor, long guaranteeId, Finalizing finalizing, CancellationToken cancellationToken)
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
        var complete = finalizing.Kind == ApprovalKind.Complete;
        var amount = finalizing.AmountFen ?? guarantee.HeldFen;
        var before = new { guarantee.Status, guarantee.HeldFen };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (finalizing.Approving is { } approving)
        {
            // The approver carries out the maker's request: decided and begun in the same transaction as the send is recorded.
            db.Attach(approving);
            if (approving.Decide(ApprovalState.Approved, actor, null, now) is { } undecidable)
            {
                return undecidable;
            }
            if (guarantee.AwaitingApprovalId != approving.Id)
            {
                return ApprovalProblems.NotOpen(ApprovalState.Expired);
            }
            guarantee.ApprovalEnded(now);
        }
        else if (finalizing.SecondApproval && timing.Options.NeedsSecondApproval(actor, amount))
        {
            return await RequestApprovalAsync(db, transaction, actor, guarantee, finalizing, amount, now, cancellationToken);
        }
        if ((complete ? guarantee.BeginComplete(amount, actor, now, AbandonedAfter(now)) : guarantee.BeginVoid(actor, now, AbandonedAfter(now))) is { } refused)
        {
            return refused;
        }

        var endpoint = complete
            ? guarantee.UsesQuickEndpoints ? GatewayEndpoint.QuickCompleteAuthorization : GatewayEndpoint.CompleteAuthorization
            : guarantee.UsesQuickEndpoints ? GatewayEndpoint.QuickVoidAuthorization : GatewayEndpoint.VoidAuthorization;
        var recorded = await GatewayLedger.RecordIntentAsync(db, endpoint, guarantee.Terminal!, guarantee, amount, actor, now, cancellationToken: cancellationToken);
        if (!recorded.Succeeded)
        {
            return recorded.Problem;
        }
        var approval = finalizing.Approving;
        db.AuditEntries.Add(AuditTrail.Entry(actor, complete ? AuditActions.GuaranteeComplete : AuditActions.GuaranteeVoid, nameof(Guarantee), guarantee.Id,
            before, new { guarantee.Status, AmountFen = amount, recorded.Value.SystemTraceNum, finalizing.Reason, ApprovalId = approval?.Id, Maker = approval?.MakerName }, now));
        if (approval is not null)
        {
            db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.ApprovalApprove, nameof(Guarantee), guarantee.Id, null,
                new { ApprovalId = approval.Id, Approval = approval.Kind, approval.AmountFen, Maker = approval.MakerName }, now));
        }
        if (await CommitAsync(db, transaction, guaranteeId, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
        return new Begun(guarantee, guarantee.Terminal!, amount, recorded.Value);
    }

    /// <summary>
    /// Saves and commits a change to a hold guarded by its version. Someone else changed the hold since it was read:
    /// nothing is saved, and the problem says what the hold is doing now.
    /// </summary>
    private async Task<Problem?> CommitAsync(PosLinkDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, long guaranteeId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            await using var fresh = await contexts.CreateDbContextAsync(CancellationToken.None);
            var current = await fresh.Guarantees.AsNoTracking().SingleAsync(g => g.Id == guaranteeId, CancellationToken.None);
            return current.CanFinalize(completeFen: null, time.GetUtcNow()) ?? GuaranteeProblems.ChangedMeanwhile;
        }
    }
}
