using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Guarantees;

public sealed partial class GuaranteeService
{
    public const int MaxResolutionNoteLength = 200;

    /// <summary>
    /// A person closes what the machine cannot: an admin, having checked with the platform (its portal, the
    /// statement, a call), confirms the hold as held, completed (with the amount), voided or failed. The note is
    /// mandatory and audited with the change; the hold's open requests are settled with it.
    /// </summary>
    public async Task<Result<GuaranteeOutcome>> ConfirmAsync(Actor actor, long guaranteeId, ConfirmedAs state, long? completedFen, string note, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdmin)
        {
            return GuaranteeProblems.OnlyAdminsConfirm;
        }
        note = note?.Trim() ?? "";
        if (note.Length == 0)
        {
            return Problem.Invalid("note", "请写明核实的依据（必填）。", "Say how it was checked (required).");
        }
        if (Text.TextRules.Check("note", "说明", "note", note, MaxResolutionNoteLength) is { } invalid)
        {
            return invalid;
        }
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var guarantee = await db.Guarantees.SingleOrDefaultAsync(g => g.Id == guaranteeId, cancellationToken);
        if (guarantee is null || !actor.CanSee(guarantee.StoreId))
        {
            return GuaranteeProblems.NotFound;
        }
        var before = new { guarantee.Status, guarantee.CompletedFen, guarantee.AttentionReason };
        if (guarantee.ConfirmAs(state, completedFen, actor, now) is { } refused)
        {
            return refused;
        }
        await GuaranteeReconciler.SettleOpenRequestsAsync(db, guarantee.Id, $"人工确认为{guarantee.Status.Chinese()}：{note}", now);
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.GuaranteeConfirm, nameof(Guarantee), guarantee.Id, before,
            new { guarantee.Status, guarantee.CompletedFen, Note = note }, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Problem("changed", "此担保刚刚有了变化，请刷新后再确认。", "The hold changed a moment ago; reload it before confirming.");
        }
        changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
        return guarantee.CurrentOutcome();
    }
}
