using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Staff;
using PosLink.Domain.Telemetry;

namespace PosLink.Domain.Guarantees;

public sealed partial class GuaranteeService
{
    /// <summary>
    /// Rolls a held hold over to a fresh one on the customer's new pay code (a stay or a rental longer than a hold
    /// lives): the new hold is taken like any other, linked to the old one as one deposit; once it is held, the old
    /// one is voided, recorded before sending like any void. Declined, the old hold stays as it was. No answer: the
    /// new hold is settled by query, and <see cref="FinishRolloversAsync"/> voids the old one when it is held.
    /// </summary>
    public async Task<Result<GuaranteeOutcome>> RolloverAsync(Actor actor, long oldId, TakeHold command, CancellationToken cancellationToken = default)
    {
        using var span = PosLinkTelemetry.StartAction("hold rollover")?.SetTag("poslink.guarantee_id", oldId);
        var taken = await TakeAsync(actor, command, oldId, cancellationToken);
        if (taken.Succeeded && taken.Value.Status == GuaranteeStatus.Held)
        {
            await VoidRolledOverAsync(actor, oldId, taken.Value.GuaranteeId);
        }
        return taken;
    }

    /// <summary>
    /// The rollovers whose new hold became held after its answer was lost (settled by query since): their old holds,
    /// still held, are voided now. Run by the status sweep; each void is guarded like any other, so two nodes send one.
    /// </summary>
    public async Task<int> FinishRolloversAsync(CancellationToken cancellationToken = default)
    {
        List<(long Old, long New)> pending;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            pending = (await (
                from fresh in db.Guarantees
                where fresh.RolledOverFromId != null && fresh.Status == GuaranteeStatus.Held
                join old in db.Guarantees on fresh.RolledOverFromId equals old.Id
                where old.Status == GuaranteeStatus.Held
                orderby fresh.Id
                select new { Old = old.Id, New = fresh.Id }).Take(100).ToListAsync(cancellationToken)).Select(p => (p.Old, p.New)).ToList();
        }
        foreach (var (old, fresh) in pending)
        {
            await VoidRolledOverAsync(Actor.System, old, fresh);
        }
        return pending.Count;
    }

    private async Task VoidRolledOverAsync(Actor actor, long oldId, long newId)
    {
        // The customer's funds are held again by the new hold, so releasing the old one needs no second person.
        var voided = await VoidAsync(actor, oldId, reason: null, new Finalizing(Approvals.ApprovalKind.Void, null, null, null, SecondApproval: false), CancellationToken.None);
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.GuaranteeRollover, nameof(Guarantee), oldId, null,
            new { RolledOverTo = newId }, time.GetUtcNow()));
        await db.SaveChangesAsync(CancellationToken.None);
        if (!voided.Succeeded)
        {
            LogRolloverVoidRefused(oldId, newId, voided.Problem.Code);
        }
    }

    /// <summary>Why a hold cannot be rolled over onto this terminal: it must be a held hold the actor acts on, in the terminal's store.</summary>
    private static Problem? RolloverProblem(Actor actor, Guarantee? old, Terminals.Terminal terminal, DateTimeOffset now)
    {
        if (old is null || !actor.CanSee(old.StoreId))
        {
            return GuaranteeProblems.NotFound;
        }
        if (!actor.CanActIn(old.StoreId))
        {
            return GuaranteeProblems.FinanceCannotAct;
        }
        if (old.Status != GuaranteeStatus.Held)
        {
            return GuaranteeProblems.NotHeld(old);
        }
        if (old.IsAwaitingApproval(now))
        {
            // Its completion or void is before a second person: a new hold now could leave the customer held twice.
            return GuaranteeProblems.AwaitingApproval;
        }
        return old.StoreId == terminal.StoreId ? null : GuaranteeProblems.RolloverOtherStore;
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 610, Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "Hold {OldId} rolled over to {NewId} was not voided ({Code}); it stays held, and the deposit shows both")]
    private partial void LogRolloverVoidRefused(long oldId, long newId, string code);
}
