using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Telemetry;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// The commands that move money: take a hold, complete it, void it, bring one in from elsewhere, refresh it, and
/// settle by hand what the machine cannot. Each one authorizes the actor, lets the hold check its rules, records
/// its intent (with a new trace number) and commits before a byte is sent, sends once, and hands the answer to the
/// hold in a new unit of work. No answer means unknown, left to <see cref="GuaranteeReconciler"/>.
/// </summary>
public sealed partial class GuaranteeService(
    IDbContextFactory<PosLinkDbContext> contexts,
    IPosLinkGateway gateway,
    GuaranteeReconciler reconciler,
    IGuaranteeChanges changes,
    TimeProvider time,
    GuaranteeTiming timing,
    ILogger<GuaranteeService> logger)
{
    /// <summary>A person may ask for a hold's status at most this often (each query costs a trace number of the terminal's day).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Takes a hold on the customer's funds by their payment code. The same form sent again (same merchant order
    /// id, terminal, amount and member: a retry after "being confirmed") finds the hold it made instead of taking a second.
    /// </summary>
    public Task<Result<GuaranteeOutcome>> TakeAsync(Actor actor, TakeHold command, CancellationToken cancellationToken = default) =>
        TakeAsync(actor, command, rollsOverId: null, cancellationToken);

    private async Task<Result<GuaranteeOutcome>> TakeAsync(Actor actor, TakeHold command, long? rollsOverId, CancellationToken cancellationToken)
    {
        using var span = PosLinkTelemetry.StartAction("hold take")?.SetTag("poslink.terminal_id", command.TerminalId);
        if (command.Check(timing.Options) is { } invalid)
        {
            return invalid;
        }
        var now = time.GetUtcNow();
        Guarantee guarantee;
        GatewayOperation operation;
        PreauthorizeRequest request;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var terminal = await db.Terminals.Include(t => t.Merchant).SingleOrDefaultAsync(t => t.Id == command.TerminalId, cancellationToken);
            if (terminal is null || !actor.CanSee(terminal.StoreId))
            {
                return GuaranteeProblems.TerminalNotFound;
            }
            if (!actor.CanActIn(terminal.StoreId))
            {
                return GuaranteeProblems.FinanceCannotAct;
            }
            if (!terminal.IsEnabled)
            {
                return GuaranteeProblems.TerminalDisabled(terminal.TerminalCode);
            }
            if (terminal.Activation != Terminals.ActivationState.Active)
            {
                return GuaranteeProblems.TerminalNotActive(terminal.TerminalCode);
            }
            var merchantOrderId = command.MerchantOrderId ?? NewMerchantOrderId(now);
            if (await db.Guarantees.AsNoTracking().SingleOrDefaultAsync(g => g.MerchantOrderId == merchantOrderId, cancellationToken) is { } existing)
            {
                return existing.IsTheSameRequestAs(terminal.Id, command.AmountFen, actor.UserId)
                    ? existing.CurrentOutcome()
                    : GuaranteeProblems.MerchantOrderIdUsed(merchantOrderId);
            }

            Guarantee? rollsOver = null;
            if (rollsOverId is { } oldId)
            {
                rollsOver = await db.Guarantees.AsNoTracking().SingleOrDefaultAsync(g => g.Id == oldId, cancellationToken);
                if (RolloverProblem(actor, rollsOver, terminal, now) is { } refused)
                {
                    return refused;
                }
            }
            guarantee = Guarantee.Take(terminal, command, merchantOrderId, actor, now, timing.Options.LifetimeDays, rollsOver);
            guarantee.CheckAt(now + timing.AnswerWindow, now);

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var recorded = await GatewayLedger.RecordIntentAsync(db, GatewayEndpoint.Preauthorize, terminal, guarantee, command.AmountFen, actor, now, cancellationToken: cancellationToken);
            if (!recorded.Succeeded)
            {
                return recorded.Problem;
            }
            operation = recorded.Value;
            guarantee.Cites(operation);
            db.Guarantees.Add(guarantee);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (command.MerchantOrderId is not null)
            {
                // Another request took the same merchant order id between our check and our insert.
                return GuaranteeProblems.MerchantOrderIdUsed(merchantOrderId);
            }
            db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.GuaranteeTake, nameof(Guarantee), guarantee.Id, null,
                new { guarantee.MerchantOrderId, guarantee.HeldFen, guarantee.PayCodeMasked, Terminal = terminal.TerminalCode, operation.SystemTraceNum }, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));

            request = new PreauthorizeRequest
            {
                MerchantCode = terminal.Merchant!.MerchantCode,
                TerminalCode = terminal.TerminalCode,
                SystemTraceNum = operation.SystemTraceNum,
                TransactionAmount = command.AmountFen,
                MerchantOrderId = merchantOrderId,
                MerchantRemark = command.MerchantRemark,
                PayMode = command.PayMode,
                PayCode = command.PayCode,
                AttachedData = command.AttachedData,
            };
        }

        // Never cancelled: once recorded, the request goes out whole, and its answer is always applied.
        var result = await gateway.PreauthorizeAsync(request, CancellationToken.None);
        return await ApplyAnswerAsync(guarantee.Id, operation.Id, result);
    }

    /// <summary>Queries the gateway now and applies what it says; a person's request at most once per hold per <see cref="RefreshInterval"/>.</summary>
    public async Task<Result<GuaranteeOutcome>> RefreshAsync(Actor actor, long guaranteeId, CancellationToken cancellationToken = default)
    {
        using var span = PosLinkTelemetry.StartAction("hold refresh")?.SetTag("poslink.guarantee_id", guaranteeId);
        if (actor != Actor.System)
        {
            var now = time.GetUtcNow();
            var since = now - RefreshInterval;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var storeId = await db.Guarantees.Where(g => g.Id == guaranteeId).Select(g => (int?)g.StoreId).SingleOrDefaultAsync(cancellationToken);
            if (storeId is not { } store || !actor.CanSee(store))
            {
                return GuaranteeProblems.NotFound;
            }
            if (!actor.CanActIn(store))
            {
                return GuaranteeProblems.FinanceCannotAct;
            }
            // One atomic claim: of any number of clicks within the interval, exactly one goes on to query.
            var claimed = await db.Guarantees
                .Where(g => g.Id == guaranteeId && (g.RefreshRequestedAt == null || g.RefreshRequestedAt <= since))
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.RefreshRequestedAt, now), cancellationToken);
            if (claimed == 0)
            {
                return GuaranteeProblems.RefreshTooSoon;
            }
        }
        return await reconciler.CheckAsync(actor, guaranteeId, cancellationToken);
    }

    /// <summary>
    /// Hands a gateway answer to the hold and records it on its operation, in a fresh unit of work. If the database
    /// cannot take it (busy after its timeout), nothing is lost: the operation stays Pending, the sweep adopts it
    /// after the answer window and settles the hold by query, and the page is told the hold is being confirmed.
    /// </summary>
    private async Task<Result<GuaranteeOutcome>> ApplyAnswerAsync<TResponse>(long guaranteeId, long operationId, GatewayResult<TResponse> result)
        where TResponse : GatewayResponse
    {
        // A concurrent reconciler tick may touch the hold meanwhile: reload and apply again on a version conflict.
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            try
            {
                await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
                var guarantee = await db.Guarantees.SingleAsync(g => g.Id == guaranteeId);
                var operation = await db.GatewayOperations.SingleAsync(o => o.Id == operationId);
                GatewayLedger.RecordAnswer(operation, result, now);
                var outcome = guarantee.Answered(operation, (result as Answered<TResponse>)?.Response, now, timing.FirstBackoff);
                await db.SaveChangesAsync(CancellationToken.None);
                changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
                LogApplied(guaranteeId, operation.Endpoint, operation.SystemTraceNum, operation.Outcome, guarantee.Status);
                return outcome;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Loop: reload and apply on the current version.
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
            {
                LogAnswerNotSaved(ex, guaranteeId, operationId);
                return new GuaranteeOutcome(guaranteeId, await StatusAsync(guaranteeId), OutcomeKind.Pending, GuaranteeProblems.BeingConfirmed);
            }
        }
    }

    /// <summary>The hold's status as last saved (for a page told its answer could not be saved yet).</summary>
    private async Task<GuaranteeStatus> StatusAsync(long guaranteeId)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            return await db.Guarantees.Where(g => g.Id == guaranteeId).Select(g => g.Status).SingleAsync();
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            return GuaranteeStatus.Authorizing;
        }
    }

    private DateTimeOffset AbandonedAfter(DateTimeOffset now) => now + timing.AnswerWindow;

    /// <summary>PL + China time to the second + 6 random digits: readable, sortable, and unique in practice (the index enforces it).</summary>
    public static string NewMerchantOrderId(DateTimeOffset now) =>
        "PL" + ChinaTime.ToChina(now).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) +
        RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information,
        Message = "Guarantee {GuaranteeId}: {Endpoint} trace {SystemTraceNum} {Outcome}, now {Status}")]
    private partial void LogApplied(long guaranteeId, GatewayEndpoint endpoint, string systemTraceNum, OperationOutcome outcome, GuaranteeStatus status);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning,
        Message = "Guarantee {GuaranteeId}: the answer to operation {OperationId} could not be saved; the sweep settles it by query")]
    private partial void LogAnswerNotSaved(Exception exception, long guaranteeId, long operationId);
}
