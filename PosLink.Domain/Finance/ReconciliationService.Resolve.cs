using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Staff;
using PosLink.Domain.Text;

namespace PosLink.Domain.Finance;

public sealed partial class ReconciliationService
{
    public const int MaxNoteLength = 200;

    /// <summary>The rule an acceptance's note keeps (its length, no invisible characters): the dialog asks it as it is typed.</summary>
    public static Problem? CheckNote(string? note) => TextRules.Check("note", new Phrase("Field.Note"), note?.Trim(), MaxNoteLength);

    /// <summary>A person accepts a difference as it is (a known fee, a correction made at the platform), saying why. Audited.</summary>
    public async Task<Result<DifferenceRow>> AcceptAsync(Actor actor, long differenceId, string note, CancellationToken cancellationToken = default)
    {
        if (!actor.CanReconcile)
        {
            return FinanceProblems.OnlyFinance;
        }
        note = note?.Trim() ?? "";
        if (note.Length == 0)
        {
            return FinanceProblems.NoteRequired;
        }
        if (CheckNote(note) is { } invalid)
        {
            return invalid;
        }
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var difference = await db.SettlementDifferences.SingleOrDefaultAsync(d => d.Id == differenceId, cancellationToken);
        if (difference is null || !Sees(actor, difference))
        {
            return FinanceProblems.DifferenceNotFound;
        }
        if (difference.State != DifferenceState.Open)
        {
            return FinanceProblems.AlreadyResolved(difference.ResolvedByName);
        }
        difference.Resolve(DifferenceState.Accepted, actor, note, now);
        if (difference is { Source: DifferenceSource.Gateway, GuaranteeId: { } held } &&
            await db.Guarantees.SingleOrDefaultAsync(g => g.Id == held, cancellationToken) is { } hold)
        {
            // Finance has looked at what the gateway says about it: reconciliation need not ask again every night.
            hold.Reconciled(now);
        }
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.DifferenceAccept, nameof(SettlementDifference), difference.Id,
            new { State = DifferenceState.Open, difference.Kind, difference.GuaranteeId }, new { difference.State, Note = note }, now));
        return await SaveAsync(db, difference, cancellationToken);
    }

    /// <summary>
    /// A person re-syncs the hold behind a gateway difference: a fresh query (recorded before it is sent), whose
    /// answer the hold adopts if nothing happened to it meanwhile. Audited on the hold and on the difference.
    /// </summary>
    public async Task<Result<DifferenceRow>> ResyncAsync(Actor actor, long differenceId, CancellationToken cancellationToken = default)
    {
        if (!actor.CanReconcile)
        {
            return FinanceProblems.OnlyFinance;
        }
        var now = time.GetUtcNow();
        GatewayOperation operation;
        QueryRequest request;
        long guaranteeId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var difference = await db.SettlementDifferences.AsNoTracking().SingleOrDefaultAsync(d => d.Id == differenceId, cancellationToken);
            if (difference is null || !Sees(actor, difference))
            {
                return FinanceProblems.DifferenceNotFound;
            }
            if (difference.State != DifferenceState.Open)
            {
                return FinanceProblems.AlreadyResolved(difference.ResolvedByName);
            }
            if (difference is not { Source: DifferenceSource.Gateway, GuaranteeId: { } id })
            {
                return FinanceProblems.ResyncOnlyFromGateway;
            }
            guaranteeId = id;
            var hold = await db.Guarantees.Include(g => g.Terminal).ThenInclude(t => t!.Merchant).SingleAsync(g => g.Id == guaranteeId, cancellationToken);
            if (hold.OrderId is null)
            {
                return GuaranteeProblems.ResyncNotFound;
            }
            var recorded = await GatewayLedger.CommitIntentAsync(db, GatewayEndpoint.Query, hold.Terminal!, hold, actor, now, cancellationToken);
            if (!recorded.Succeeded)
            {
                return recorded.Problem;
            }
            operation = recorded.Value;
            request = GuaranteeReconciler.QueryFor(hold, operation);
        }

        var result = await gateway.QueryAsync(request, CancellationToken.None);
        now = time.GetUtcNow();
        await using var answer = await contexts.CreateDbContextAsync(CancellationToken.None);
        var recordedOperation = await answer.GatewayOperations.SingleAsync(o => o.Id == operation.Id, CancellationToken.None);
        GatewayLedger.RecordAnswer(recordedOperation, result, now);
        var guarantee = await answer.Guarantees.SingleAsync(g => g.Id == guaranteeId, CancellationToken.None);
        var settled = await answer.SettlementDifferences.SingleAsync(d => d.Id == differenceId, CancellationToken.None);
        var before = new { guarantee.Status, guarantee.CompletedFen, guarantee.MerchantDiscountFen, guarantee.OtherDiscountFen, guarantee.SettlementDate };
        var problem = settled.State != DifferenceState.Open
            ? FinanceProblems.AlreadyResolved(settled.ResolvedByName)
            : guarantee.Resync(GuaranteeReconciler.Evidence(result, byTrace: false, operation.HoldActionNumber ?? guarantee.ActionNumber), now);
        if (problem is not null)
        {
            // The answer stays in the ledger; the hold and the difference are as they were.
            await answer.SaveChangesAsync(CancellationToken.None);
            return problem;
        }
        var after = new { guarantee.Status, guarantee.CompletedFen, guarantee.MerchantDiscountFen, guarantee.OtherDiscountFen, guarantee.SettlementDate };
        if (before.Status != GuaranteeStatus.Completed)
        {
            await LateCompletions.NoteAsync(answer, [guarantee], now, CancellationToken.None);
        }
        var note = before.Status == after.Status && before.CompletedFen == after.CompletedFen
            ? new Phrase("Note.Resynced", after.Status)
            : new Phrase("Note.ResyncedFrom", before.Status, after.Status);
        settled.Resolve(DifferenceState.Resynced, actor, note.Store(MaxNoteLength), now);
        answer.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.GuaranteeResync, nameof(Guarantee), guarantee.Id, before,
            new { after.Status, after.CompletedFen, after.MerchantDiscountFen, after.OtherDiscountFen, after.SettlementDate, recordedOperation.SystemTraceNum }, now));
        answer.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.DifferenceResync, nameof(SettlementDifference), settled.Id,
            new { State = DifferenceState.Open, settled.Kind, settled.GuaranteeId }, new { settled.State, Note = settled.ResolutionNote }, now));
        var saved = await SaveAsync(answer, settled, CancellationToken.None);
        if (saved.Succeeded)
        {
            changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
        }
        return saved;
    }

    private static bool Sees(Actor actor, SettlementDifference difference) =>
        actor.SeesAllStores || (difference.StoreId is { } store && actor.CanSee(store));

    private static async Task<Result<DifferenceRow>> SaveAsync(Persistence.PosLinkDbContext db, SettlementDifference difference, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return FinanceProblems.Changed;
        }
        return await db.SettlementDifferences.Where(d => d.Id == difference.Id).Select(ReconciliationProjections.Difference(db)).SingleAsync(cancellationToken);
    }
}
