using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees.Recovery;

/// <summary>
/// What marks a ledger restored from a copy, and what must happen before anyone acts on it. Only the database: the
/// search itself (<see cref="LedgerRecovery"/>) needs the gateway, whose address in Sandbox mode is known only once
/// the app listens.
/// </summary>
public sealed class RestoredLedger(IDbContextFactory<PosLinkDbContext> contexts, TimeProvider time)
{
    private static readonly System.Text.Json.JsonSerializerOptions ReadBack = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Numbers the counter jumps; more than a terminal uses in a day between a night's copy and a restore.</summary>
    public const int Window = 10_000;

    /// <summary>Whether this ledger is a restored copy not yet recovered: the copy's mark with no recovery after it.</summary>
    public async Task<bool> IsPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var restored = await LastIdAsync(db, AuditActions.LedgerRestored, cancellationToken);
        return restored is not null && (await LastIdAsync(db, AuditActions.LedgerRecovered, cancellationToken) ?? 0) < restored;
    }

    /// <summary>
    /// Marks a ledger as restored (the command an operator runs after restoring a copy PosLink did not make). The copy
    /// is as old as the last thing it recorded.
    /// </summary>
    public async Task MarkRestoredAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lastRecorded = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Select(a => (DateTimeOffset?)a.At).FirstOrDefaultAsync(cancellationToken);
        db.AuditEntries.Add(Mark(lastRecorded ?? time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The mark a copy carries: written into the copy alone, dated when the copy was taken.</summary>
    public static AuditEntry Mark(DateTimeOffset copyTakenAt) =>
        AuditTrail.Entry(Actor.System, AuditActions.LedgerRestored, "Ledger", "ledger", null, new { CopyTakenAt = copyTakenAt }, copyTakenAt);

    /// <summary>
    /// Moves every terminal's counter past the window before the app serves anyone, so no new request can take a
    /// number the platform may already have, and records each terminal's restored counter (where the search starts).
    /// Done once per restore: a start after a crash mid-recovery reuses the recorded counters.
    /// </summary>
    public async Task<Dictionary<int, int>> MoveCountersPastTheWindowAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var restored = await LastIdAsync(db, AuditActions.LedgerRestored, cancellationToken) ?? 0;
        var recorded = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.LedgerRecoveryWindow && a.Id > restored)
            .OrderByDescending(a => a.Id).Select(a => a.After).FirstOrDefaultAsync(cancellationToken);
        if (recorded is not null)
        {
            return System.Text.Json.JsonSerializer.Deserialize<Dictionary<int, int>>(recorded) ?? [];
        }
        var counters = await db.Terminals.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.LastSystemTraceNum, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (counters.Count > 0)
        {
            await TraceNumbers.NextManyAsync(db, counters.Keys.ToDictionary(id => id, _ => Window), ChinaTime.TradeDate(time.GetUtcNow()), cancellationToken);
        }
        db.AuditEntries.Add(AuditTrail.Entry(Actor.System, AuditActions.LedgerRecoveryWindow, "Ledger", "ledger", null, counters, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return counters;
    }

    /// <summary>
    /// The days the last recovery left to the statement whose statement has not been imported since: finance's to do.
    /// Empty when the ledger was never restored.
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> DaysAwaitingTheStatementAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.LedgerRecovered).OrderByDescending(a => a.Id)
            .Select(a => new { a.At, a.After }).FirstOrDefaultAsync(cancellationToken);
        if (last?.After is null)
        {
            return [];
        }
        var report = System.Text.Json.JsonSerializer.Deserialize<RecoveryReport>(last.After, ReadBack);
        var days = report?.DaysForTheStatement ?? [];
        if (days.Count == 0)
        {
            return [];
        }
        var (first, lastDay) = (days.Min(), days.Max());
        var imported = await db.StatementImports.AsNoTracking()
            .Where(i => i.FirstDate <= lastDay && i.LastDate >= first)
            .Select(i => new { i.FirstDate, i.LastDate, i.ImportedAt })
            .ToListAsync(cancellationToken);
        return [.. days.Where(d => !imported.Any(i => i.ImportedAt >= last.At && i.FirstDate <= d && d <= i.LastDate))];
    }

    private static Task<long?> LastIdAsync(PosLinkDbContext db, string action, CancellationToken cancellationToken) =>
        db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderByDescending(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);
}
