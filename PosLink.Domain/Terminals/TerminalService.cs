using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PosLink.Domain.Audit;
using PosLink.Domain.Common;
using PosLink.Domain.Gateway;
using PosLink.Domain.Gateway.Messages;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;

namespace PosLink.Domain.Terminals;

/// <summary>Registers merchants, stores and terminals (admins only), and activates terminals at ChinaUMS (激活终端).</summary>
public sealed partial class TerminalService(
    IDbContextFactory<PosLinkDbContext> contexts,
    IPosLinkGateway gateway,
    IActivationQueue activationQueue,
    IGuaranteeChanges changes,
    TimeProvider time,
    ILogger<TerminalService> logger)
{
    /// <summary>Waits between activation attempts of a terminal that keeps failing: 1, 2, 5, 15 minutes, then hourly.</summary>
    private static readonly TimeSpan[] ActivationBackoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    private static readonly Problem AdminsOnly = Problem.Forbidden("Problem.OnlyAdminsMayRegisterChange");

    public static readonly Problem TerminalNotFound = Problem.NotFound("Terminal");

    public async Task<Result<Merchant>> RegisterMerchantAsync(Actor actor, string merchantCode, string name, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdminister)
        {
            return AdminsOnly;
        }
        merchantCode = merchantCode?.Trim() ?? "";
        name = name?.Trim() ?? "";
        if (merchantCode.Length != 15 || !merchantCode.All(char.IsAsciiDigit))
        {
            return Problem.Invalid("merchantCode", "Problem.MerchantCodeMust15Digits", merchantCode, merchantCode.Length);
        }
        if (name.Length is 0 or > 100)
        {
            return Problem.Invalid("name", "Problem.MerchantNameMust1100");
        }
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Merchants.AnyAsync(m => m.MerchantCode == merchantCode, cancellationToken))
        {
            return Problem.Invalid("merchantCode", "Problem.MerchantCodeAlreadyRegistered", merchantCode);
        }
        var merchant = new Merchant { MerchantCode = merchantCode, Name = name, CreatedAt = now };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Merchants.Add(merchant);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.MerchantRegister, nameof(Merchant), merchant.Id, null, new { merchantCode, name }, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return merchant;
    }

    public async Task<Result<Store>> RegisterStoreAsync(Actor actor, int merchantId, string name, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdminister)
        {
            return AdminsOnly;
        }
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return Problem.Invalid("name", "Problem.StoreNameMust1100");
        }
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Merchants.AnyAsync(m => m.Id == merchantId, cancellationToken))
        {
            return Problem.NotFound("Merchant");
        }
        if (await db.Stores.AnyAsync(s => s.MerchantId == merchantId && s.Name == name, cancellationToken))
        {
            return Problem.Invalid("name", "Problem.MerchantAlreadyHasStoreNamed", name);
        }
        var store = new Store { MerchantId = merchantId, Name = name, CreatedAt = now };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Stores.Add(store);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.StoreRegister, nameof(Store), store.Id, null, new { merchantId, name }, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return store;
    }

    /// <summary>Registers a terminal (8 letters or digits) in a store; the (merchant, terminal) pair is unique. It still needs activating.</summary>
    public async Task<Result<Terminal>> RegisterTerminalAsync(Actor actor, int storeId, string terminalCode, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdminister)
        {
            return AdminsOnly;
        }
        terminalCode = terminalCode?.Trim() ?? "";
        if (terminalCode.Length != 8 || !terminalCode.All(char.IsAsciiLetterOrDigit))
        {
            return Problem.Invalid("terminalCode", "Problem.TerminalCodeMust8Letters", terminalCode, terminalCode.Length);
        }
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var store = await db.Stores.Include(s => s.Merchant).SingleOrDefaultAsync(s => s.Id == storeId, cancellationToken);
        if (store is null)
        {
            return Problem.NotFound("Store");
        }
        if (await db.Terminals.AnyAsync(t => t.MerchantId == store.MerchantId && t.TerminalCode == terminalCode, cancellationToken))
        {
            return Problem.Invalid("terminalCode", "Problem.TerminalMerchantAlreadyRegistered", store.Merchant!.MerchantCode, terminalCode);
        }
        var terminal = new Terminal { MerchantId = store.MerchantId, StoreId = store.Id, TerminalCode = terminalCode, CreatedAt = now };
        // The registration and its audit entry are one transaction: neither is ever saved without the other.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Terminals.Add(terminal);
            await db.SaveChangesAsync(cancellationToken);
            db.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.TerminalRegister, nameof(Terminal), terminal.Id, null,
                new { store.Merchant!.MerchantCode, terminalCode, Store = store.Name }, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        activationQueue.Enqueue(terminal.Id);
        return terminal;
    }

    /// <summary>Disables or re-enables a terminal. A disabled terminal takes no new holds; open ones can still be finalized.</summary>
    public async Task<Result<Terminal>> SetEnabledAsync(Actor actor, int terminalId, bool enabled, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdminister)
        {
            return AdminsOnly;
        }
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var terminal = await db.Terminals.SingleOrDefaultAsync(t => t.Id == terminalId, cancellationToken);
        if (terminal is null)
        {
            return TerminalNotFound;
        }
        if (terminal.Enable(enabled))
        {
            db.AuditEntries.Add(AuditTrail.Entry(actor, enabled ? AuditActions.TerminalEnable : AuditActions.TerminalDisable, nameof(Terminal), terminal.Id,
                new { IsEnabled = !enabled }, new { IsEnabled = enabled }, now));
            await db.SaveChangesAsync(cancellationToken);
            if (enabled && terminal.Activation != ActivationState.Active)
            {
                activationQueue.Enqueue(terminal.Id);
            }
        }
        return terminal;
    }

    /// <summary>
    /// Sends 激活终端 (with its own trace number, recorded first) and records the result: Active on 00, else the
    /// reason is kept. Activation moves no money, so a later attempt may simply try again.
    /// </summary>
    public async Task<Result<Terminal>> ActivateAsync(Actor actor, int terminalId, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdminister)
        {
            return AdminsOnly;
        }
        var now = time.GetUtcNow();
        GatewayOperation operation;
        ActivateTerminalRequest request;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var terminal = await db.Terminals.Include(t => t.Merchant).SingleOrDefaultAsync(t => t.Id == terminalId, cancellationToken);
            if (terminal is null)
            {
                return TerminalNotFound;
            }
            var recorded = await GatewayLedger.CommitIntentAsync(db, GatewayEndpoint.ActivateTerminal, terminal, null, actor, now, cancellationToken);
            if (!recorded.Succeeded)
            {
                return recorded.Problem;
            }
            operation = recorded.Value;
            request = new ActivateTerminalRequest { MerchantCode = terminal.Merchant!.MerchantCode, TerminalCode = terminal.TerminalCode, SystemTraceNum = operation.SystemTraceNum };
        }

        var result = await gateway.ActivateTerminalAsync(request, CancellationToken.None);
        var answeredAt = time.GetUtcNow();
        await using var apply = await contexts.CreateDbContextAsync(CancellationToken.None);
        var saved = await apply.Terminals.SingleAsync(t => t.Id == terminalId, CancellationToken.None);
        var ledger = await apply.GatewayOperations.SingleAsync(o => o.Id == operation.Id, CancellationToken.None);
        var outcome = GatewayLedger.RecordAnswer(ledger, result, answeredAt);
        var before = new { saved.Activation };
        saved.ActivationAnswered(outcome == OperationOutcome.Approved, ledger.ErrCode, ledger.ErrInfo, answeredAt);
        apply.AuditEntries.Add(AuditTrail.Entry(actor, AuditActions.TerminalActivate, nameof(Terminal), saved.Id, before,
            new { saved.Activation, ledger.ErrCode, ledger.SystemTraceNum }, answeredAt));
        await apply.SaveChangesAsync(CancellationToken.None);
        changes.Publish(new GuaranteeChanged(null, saved.StoreId, null, saved.Id));
        LogActivation(saved.TerminalCode, ledger.SystemTraceNum, ledger.ErrCode, ledger.UnansweredReason, saved.Activation);
        return saved;
    }

    /// <summary>
    /// Activates one terminal if it still needs it: enabled and not yet active. Jobs run at least once, so the
    /// state is checked again here rather than trusted from when the job was queued.
    /// </summary>
    public async Task<bool> ActivateIfNeededAsync(int terminalId, CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Terminals.AnyAsync(t => t.Id == terminalId && t.IsEnabled && t.Activation != ActivationState.Active, cancellationToken))
            {
                return false;
            }
        }
        var result = await ActivateAsync(Actor.System, terminalId, cancellationToken);
        return result.Succeeded && result.Value.Activation == ActivationState.Active;
    }

    /// <summary>Tries every enabled terminal not yet active whose backoff has passed; returns (tried, activated).</summary>
    public async Task<(int Tried, int Activated)> ActivateDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        List<(int Id, int Failures, DateTimeOffset? LastAttempt)> candidates;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            candidates = (await db.Terminals.AsNoTracking()
                    .Where(t => t.IsEnabled && t.Activation != ActivationState.Active)
                    .Select(t => new { t.Id, t.ActivationFailures, t.LastActivationAttemptAt })
                    .ToListAsync(cancellationToken))
                .Select(t => (t.Id, t.ActivationFailures, t.LastActivationAttemptAt))
                .ToList();
        }
        var due = candidates.Where(t => t.LastAttempt is null ||
            now - t.LastAttempt >= ActivationBackoff[Math.Clamp(t.Failures - 1, 0, ActivationBackoff.Length - 1)]).ToList();
        var activated = 0;
        foreach (var (id, _, _) in due)
        {
            if (await ActivateIfNeededAsync(id, cancellationToken))
            {
                activated++;
            }
        }
        return (due.Count, activated);
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Terminal {TerminalCode}: activation trace {SystemTraceNum} errCode {ErrCode} (unanswered: {Unanswered}), now {Activation}")]
    private partial void LogActivation(string terminalCode, string systemTraceNum, string? errCode, UnansweredReason? unanswered, ActivationState activation);
}
