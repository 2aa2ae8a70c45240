using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Audit;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Telemetry;
using PosLink.Domain.Terminals;
using PosLink.Domain.Time;

namespace PosLink.Domain.Guarantees.Recovery;

/// <summary>What a recovery found on one terminal: the trace numbers it probed and the holds it brought back.</summary>
public sealed record TerminalRecovery(string TerminalCode, string FirstProbed, string LastProbed, int Found, bool Complete);

/// <summary>A recovery's result: per terminal, and the days only the settlement statement can still speak for.</summary>
public sealed record RecoveryReport(DateTimeOffset? CopyTakenAt, IReadOnlyList<TerminalRecovery> Terminals, IReadOnlyList<DateOnly> DaysForTheStatement);

/// <summary>
/// After the ledger is restored from a copy it is behind the platform: trace counters are behind (numbers the
/// platform has already seen must never be sent again) and holds taken since the copy are unknown here. First, at
/// start and before anyone acts, every terminal's counter moves past a window of <see cref="RestoredLedger.Window"/> numbers. Then,
/// per terminal, each number in that window is queried by trace (the platform finds a trace on its own day only),
/// forward from the restored counter until <see cref="NotFoundRun"/> in a row are unknown (status queries use numbers
/// too, so gaps are normal); what is found is imported as that terminal's hold. Days between the copy and today can
/// only be recovered from the statement (finance's import), so they are listed for finance. Audited.
/// </summary>
public sealed class LedgerRecovery(IDbContextFactory<PosLinkDbContext> contexts, GuaranteeService guarantees, TimeProvider time)
{
    /// <summary>Unknown numbers in a row that end the search on a terminal.</summary>
    public const int NotFoundRun = 200;

    /// <summary>Searches each active terminal's window from its restored counter and imports what the platform has.</summary>
    public async Task<RecoveryReport> RecoverAsync(IReadOnlyDictionary<int, int> restoredCounters, CancellationToken cancellationToken = default)
    {
        using var span = PosLinkTelemetry.StartAction("ledger recovery");
        List<(int Id, string Code)> terminals;
        DateTimeOffset? copyTakenAt;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            terminals = (await db.Terminals.AsNoTracking().Where(t => t.IsEnabled && t.Activation == ActivationState.Active).OrderBy(t => t.Id)
                .Select(t => new { t.Id, t.TerminalCode }).ToListAsync(cancellationToken)).Select(t => (t.Id, t.TerminalCode)).ToList();
            copyTakenAt = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.LedgerRestored).OrderByDescending(a => a.Id)
                .Select(a => (DateTimeOffset?)a.At).FirstOrDefaultAsync(cancellationToken);
        }
        var results = new List<TerminalRecovery>();
        foreach (var (id, code) in terminals)
        {
            results.Add(await SearchAsync(id, code, restoredCounters.GetValueOrDefault(id), cancellationToken));
        }
        var today = ChinaTime.TradeDate(time.GetUtcNow());
        var days = new List<DateOnly>();
        for (var day = copyTakenAt is { } at ? ChinaTime.TradeDate(at) : today; day < today; day = day.AddDays(1))
        {
            days.Add(day);
        }
        var report = new RecoveryReport(copyTakenAt, results, days);
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            db.AuditEntries.Add(AuditTrail.Entry(Actor.System, AuditActions.LedgerRecovered, "Ledger", "ledger", null, report, time.GetUtcNow()));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return report;
    }

    private async Task<TerminalRecovery> SearchAsync(int terminalId, string code, int restored, CancellationToken cancellationToken)
    {
        int found = 0, misses = 0, probed = 0;
        var complete = true;
        while (misses < NotFoundRun && probed < RestoredLedger.Window)
        {
            probed++;
            var trace = Trace(restored + probed);
            var result = await guarantees.ImportAsync(Actor.System, terminalId, orderId: null, trace, cancellationToken);
            if (result.Succeeded)
            {
                (found, misses) = (found + 1, 0);
            }
            else if (result.Problem.Code == "not-found")
            {
                misses++;
            }
            else if (result.Problem.Code is "unanswered" or "refused")
            {
                // No answer, or an error instead of one: stop here rather than guess; the audit says the search is incomplete.
                complete = false;
                break;
            }
            else
            {
                // A transaction that is not a hold (a completion's own trace, say): the platform used the number.
                misses = 0;
            }
        }
        return new TerminalRecovery(code, Trace(restored + 1), Trace(restored + probed), found, complete);
    }

    private static string Trace(int n) => ((n - 1) % TraceNumbers.Max + 1).ToString("D6", CultureInfo.InvariantCulture);

}
