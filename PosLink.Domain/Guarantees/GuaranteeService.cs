using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees;

/// <summary>
/// The commands that move money: take a hold, complete it, void it, bring one in by order id, refresh it.
/// Each one authorizes the actor, checks the rules, records its intent (with a new trace number) and commits
/// before a byte is sent, sends once, and applies the answer in a new unit of work. No answer means unknown,
/// left to <see cref="GuaranteeReconciler"/>.
/// </summary>
public sealed partial class GuaranteeService(
    IDbContextFactory<PosLinkDbContext> contexts,
    IPosLinkGateway gateway,
    GuaranteeReconciler reconciler,
    IGuaranteeChanges changes,
    TimeProvider time,
    IOptionsMonitor<GuaranteeOptions> options,
    IOptionsMonitor<GatewayOptions> gatewayOptions,
    ILogger<GuaranteeService> logger)
{
    /// <summary>Takes a hold on the customer's funds by their payment code.</summary>
    public async Task<Result<GuaranteeOutcome>> TakeAsync(Actor actor, TakeHold command, CancellationToken cancellationToken = default)
    {
        if (command.Check(options.CurrentValue) is { } invalid)
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
            if (await db.Guarantees.AnyAsync(g => g.MerchantOrderId == merchantOrderId, cancellationToken))
            {
                return GuaranteeProblems.MerchantOrderIdUsed(merchantOrderId);
            }

            guarantee = new Guarantee
            {
                TerminalId = terminal.Id,
                StoreId = terminal.StoreId,
                HeldFen = command.AmountFen,
                MerchantOrderId = merchantOrderId,
                MerchantRemark = command.MerchantRemark,
                AttachedData = command.AttachedData,
                PayMode = command.PayMode,
                PayCodeMasked = PayCodeMask.Mask(command.PayCode),
                CreatedAt = now,
                CreatedByUserId = actor.UserId,
                CreatedByName = actor.Name,
                ExpiresAt = now.AddDays(options.CurrentValue.LifetimeDays),
            };
            guarantee.StartAuthorizing(now);
            guarantee.NextCheckAt = AbandonedAfter(now);

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var recorded = await GatewayLedger.RecordIntentAsync(db, GatewayEndpoint.Preauthorize, terminal, guarantee, command.AmountFen, actor, now, cancellationToken);
            if (!recorded.Succeeded)
            {
                return recorded.Problem!;
            }
            operation = recorded.Value!;
            guarantee.SystemTraceNum = operation.SystemTraceNum;
            guarantee.TradeDate = operation.TradeDate;
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
        return await ApplyAnswerAsync(guarantee.Id, operation.Id, result, GuaranteeEvent.AuthorizeApproved, GuaranteeEvent.AuthorizeDeclined,
            (g, response, sentAt, _) => GuaranteeAnswers.ApplyPreauthorize(g, response, sentAt));
    }

    /// <summary>A person may ask for a hold's status at most this often (each query costs a trace number of the terminal's day).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    /// <summary>Queries the gateway now and applies what it says; a person's request at most once per hold per <see cref="RefreshInterval"/>.</summary>
    public async Task<Result<GuaranteeOutcome>> RefreshAsync(Actor actor, long guaranteeId, CancellationToken cancellationToken = default)
    {
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
    /// Applies a gateway answer to the hold and its operation in a fresh unit of work. An answer that proves
    /// nothing leaves the hold in flight and schedules the first status query.
    /// </summary>
    private async Task<Result<GuaranteeOutcome>> ApplyAnswerAsync<TResponse>(
        long guaranteeId, long operationId, GatewayResult<TResponse> result, GuaranteeEvent approved, GuaranteeEvent declined,
        Action<Guarantee, TResponse, DateTimeOffset, DateTimeOffset> onAnswer)
        where TResponse : GatewayResponse
    {
        // A concurrent reconciler tick may touch the hold meanwhile: reload and apply again on a version conflict.
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var guarantee = await db.Guarantees.SingleAsync(g => g.Id == guaranteeId);
            var operation = await db.GatewayOperations.SingleAsync(o => o.Id == operationId);
            var outcome = GatewayLedger.RecordAnswer(operation, result, now);
            var kind = OutcomeKind.Pending;
            Problem? reason = null;

            if (result is Answered<TResponse> answered)
            {
                // Identity fields count even from an answer that proves nothing yet (autoQueryFlag Y).
                onAnswer(guarantee, answered.Response, answered.Exchange.SentAt, now);
            }
            switch (outcome)
            {
                case OperationOutcome.Approved when guarantee.Apply(approved, now):
                    guarantee.LastErrCode = null;
                    guarantee.LastErrInfo = null;
                    kind = OutcomeKind.Approved;
                    break;
                case OperationOutcome.Declined when guarantee.Apply(declined, now):
                    guarantee.LastErrCode = operation.ErrCode;
                    guarantee.LastErrInfo = operation.ErrInfo;
                    if (guarantee.Status == GuaranteeStatus.Held)
                    {
                        // A refused completion or void leaves the hold as it was.
                        guarantee.CompletedFen = null;
                        guarantee.FinalizedByUserId = null;
                        guarantee.FinalizedByName = null;
                    }
                    kind = OutcomeKind.Declined;
                    reason = GuaranteeProblems.Declined(operation.ErrCode, operation.ErrInfo);
                    break;
                case OperationOutcome.Approved or OperationOutcome.Declined:
                    // The reconciler settled the hold first (the answer came very late): keep its verdict.
                    kind = guarantee.Status.IsInFlight() ? OutcomeKind.Pending : OutcomeKind.Approved;
                    break;
                default:
                    if (guarantee.Status.IsInFlight())
                    {
                        guarantee.NextCheckAt = now + options.CurrentValue.Backoff(0);
                        guarantee.CheckAttempts = 0;
                        guarantee.Touch(now);
                    }
                    reason = GuaranteeProblems.StillUnknown;
                    break;
            }
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                changes.Publish(new GuaranteeChanged(guarantee.Id, guarantee.StoreId, guarantee.Status));
                LogApplied(guaranteeId, operation.Endpoint, operation.SystemTraceNum, outcome, guarantee.Status);
                return new GuaranteeOutcome(guarantee.Id, guarantee.Status, kind, reason);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Loop: reload and apply on the current version.
            }
        }
    }

    private DateTimeOffset AbandonedAfter(DateTimeOffset now) =>
        now.AddSeconds(gatewayOptions.CurrentValue.TimeoutSeconds + options.CurrentValue.AbandonedAfterExtraSeconds);

    /// <summary>PL + China time to the second + 6 random digits: readable, sortable, and unique in practice (the index enforces it).</summary>
    private static string NewMerchantOrderId(DateTimeOffset now) =>
        "PL" + ChinaTime.ToChina(now).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) +
        RandomNumberGenerator.GetInt32(1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information,
        Message = "Guarantee {GuaranteeId}: {Endpoint} trace {SystemTraceNum} {Outcome}, now {Status}")]
    private partial void LogApplied(long guaranteeId, GatewayEndpoint endpoint, string systemTraceNum, OperationOutcome outcome, GuaranteeStatus status);
}
