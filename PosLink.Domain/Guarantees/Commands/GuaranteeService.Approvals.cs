using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Guarantees.Approvals;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Telemetry;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// Maker–checker: a store manager's completion or void above <see cref="GuaranteeOptions.SecondApprovalAboveFen"/> is
/// kept as an <see cref="ApprovalRequest"/> and sends nothing. Another manager of the store or an admin approves it
/// (then it is recorded and sent as the approver's action, the maker named beside it) or rejects it with a reason;
/// the maker may withdraw it. Every decision changes the hold too, under its version, so only one can win.
/// </summary>
public sealed partial class GuaranteeService
{
    /// <summary>Carries out a pending request as <paramref name="actor"/>: the completion or void is recorded and sent once.</summary>
    public async Task<Result<GuaranteeOutcome>> ApproveAsync(Actor actor, long approvalId, CancellationToken cancellationToken = default)
    {
        using var span = PosLinkTelemetry.StartAction("approval approve")?.SetTag("poslink.approval_id", approvalId);
        var request = await VisibleRequestAsync(actor, approvalId, cancellationToken);
        if (request is null)
        {
            return ApprovalProblems.NotFound;
        }
        var finalizing = new Finalizing(request.Kind, request.Kind == ApprovalKind.Complete ? request.AmountFen : null, request.Reason, request.BulkRunId, request);
        var begun = await BeginFinalizeAsync(actor, request.GuaranteeId, finalizing, cancellationToken);
        if (!begun.Succeeded)
        {
            await ExpireIfMootAsync(approvalId, begun.Problem);
            return begun.Problem;
        }
        return await SendAsync(begun.Value);
    }

    /// <summary>Turns a pending request down with a reason: nothing is sent, and the hold stays held, free for anyone again.</summary>
    public Task<Result<GuaranteeOutcome>> RejectAsync(Actor actor, long approvalId, string? reason, CancellationToken cancellationToken = default) =>
        ApprovalProblems.CheckRejectionReason(reason) is { } invalid
            ? Task.FromResult<Result<GuaranteeOutcome>>(invalid)
            : EndAsync(actor, approvalId, ApprovalState.Rejected, reason!.Trim(), AuditActions.ApprovalReject, cancellationToken);

    /// <summary>The maker takes their own request back: nothing is sent.</summary>
    public Task<Result<GuaranteeOutcome>> WithdrawAsync(Actor actor, long approvalId, CancellationToken cancellationToken = default) =>
        EndAsync(actor, approvalId, ApprovalState.Withdrawn, null, AuditActions.ApprovalWithdraw, cancellationToken);

    /// <summary>
    /// Records the request a finalization above the threshold becomes, and points its hold at it, in the transaction
    /// the caller began: checked as the finalization itself would be, so nobody is asked to approve what cannot be sent.
    /// </summary>
    private async Task<Result<Begun>> RequestApprovalAsync(PosLinkDbContext db, IDbContextTransaction transaction, Actor actor, Guarantee guarantee, Finalizing finalizing, long amountFen, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (guarantee.CanFinalize(finalizing.Kind == ApprovalKind.Complete ? amountFen : null, now) is { } refused)
        {
            return refused;
        }
        if (guarantee.AwaitingApprovalId is { } lapsedId)
        {
            // The hold's last request lapsed without anyone writing so: written now, as it is replaced.
            await db.ApprovalRequests.Where(r => r.Id == lapsedId && r.State == ApprovalState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ApprovalState.Expired).SetProperty(r => r.DecidedAt, now), cancellationToken);
        }
        var request = ApprovalRequest.For(guarantee, finalizing.Kind, amountFen, finalizing.Reason, finalizing.BulkRunId, actor, now, TimeSpan.FromHours(timing.Options.SecondApprovalHours));
        db.ApprovalRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        guarantee.AwaitApproval(request, now);
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.ApprovalRequest, nameof(Guarantee), guarantee.Id, null,
            new { ApprovalId = request.Id, Approval = request.Kind, request.AmountFen, request.Reason, request.BulkRunId }, now));
        if (await CommitAsync(db, transaction, guarantee.Id, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
        return new Begun(guarantee, guarantee.Terminal!, amountFen, Operation: null);
    }

    private async Task<Result<GuaranteeOutcome>> EndAsync(Actor actor, long approvalId, ApprovalState decision, string? reason, string auditAction, CancellationToken cancellationToken)
    {
        using var span = PosLinkTelemetry.StartAction("approval " + decision.ToString().ToLowerInvariant())?.SetTag("poslink.approval_id", approvalId);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.ApprovalRequests.SingleOrDefaultAsync(r => r.Id == approvalId, cancellationToken);
        if (request is null || !actor.CanSee(request.StoreId))
        {
            return ApprovalProblems.NotFound;
        }
        var guarantee = await db.Guarantees.SingleAsync(g => g.Id == request.GuaranteeId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (request.Decide(decision, actor, reason, now) is { } refused)
        {
            return refused;
        }
        if (guarantee.AwaitingApprovalId == request.Id)
        {
            guarantee.ApprovalEnded(now);
        }
        db.AuditEntries.Add(AuditTrail.Entry(actor, auditAction, nameof(Guarantee), guarantee.Id, null,
            new { ApprovalId = request.Id, Approval = request.Kind, request.AmountFen, Maker = request.MakerName, RejectionReason = reason }, now));
        if (await CommitAsync(db, transaction, guarantee.Id, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
        return guarantee.Outcome(OutcomeKind.Approved);
    }

    /// <summary>A request the actor may see (the store's own managers, admins and finance); another store's is not found.</summary>
    private async Task<ApprovalRequest?> VisibleRequestAsync(Actor actor, long approvalId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await db.ApprovalRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == approvalId, cancellationToken);
        return request is not null && actor.CanSee(request.StoreId) ? request : null;
    }

    /// <summary>An approval that failed because its hold is no longer held (expired, settled elsewhere) lapses: it can never be carried out.</summary>
    private async Task ExpireIfMootAsync(long approvalId, Problem problem)
    {
        if (problem.Code != "finished")
        {
            return;
        }
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var request = await db.ApprovalRequests.SingleAsync(r => r.Id == approvalId, CancellationToken.None);
        if (request.State != ApprovalState.Pending)
        {
            return;
        }
        request.Expire(now);
        var guarantee = await db.Guarantees.SingleAsync(g => g.Id == request.GuaranteeId, CancellationToken.None);
        if (guarantee.AwaitingApprovalId == approvalId)
        {
            guarantee.ApprovalEnded(now);
        }
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The hold moved again meanwhile; the request is written off the next time someone touches it.
        }
    }
}
