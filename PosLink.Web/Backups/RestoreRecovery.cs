using PosLink.Domain.Guarantees.Recovery;

namespace PosLink.Web.Backups;

/// <summary>
/// A start on a restored ledger: before the app serves anyone, trace counters move past the recovery window
/// (<see cref="PrepareAsync"/>, from database preparation); once the app listens (in Sandbox mode the platform is
/// this app), the search by trace runs in the background and imports what the platform has that the copy lacks.
/// </summary>
public sealed partial class RestoreRecovery(RestoredLedger restored, IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<RestoreRecovery> logger)
{
    private Dictionary<int, int>? _restoredCounters;

    /// <summary>The search in flight or done, for tests and the command to wait on.</summary>
    public Task<RecoveryReport?> Completion { get; private set; } = Task.FromResult<RecoveryReport?>(null);

    public async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        if (!await restored.IsPendingAsync(cancellationToken))
        {
            return;
        }
        _restoredCounters = await restored.MoveCountersPastTheWindowAsync(cancellationToken);
        LogRestored(_restoredCounters.Count, RestoredLedger.Window);
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(started.SetResult);
        Completion = RecoverWhenStartedAsync(started.Task);
    }

    private async Task<RecoveryReport?> RecoverWhenStartedAsync(Task started)
    {
        await started;
        try
        {
            // Resolved only now: the gateway client needs the address the app listens on (Sandbox mode).
            var report = await services.GetRequiredService<LedgerRecovery>().RecoverAsync(_restoredCounters!, lifetime.ApplicationStopping);
            LogRecovered(report.Terminals.Sum(t => t.Found), report.Terminals.Count, report.DaysForTheStatement.Count);
            return report;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Still pending: the next start searches again from the recorded counters.
            LogFailed(e);
            return null;
        }
    }

    [LoggerMessage(EventId = 270, Level = LogLevel.Warning, Message = "The ledger was restored from a copy: the trace counters of {Terminals} terminals moved {Window} numbers on; searching the platform by trace once the app listens")]
    private partial void LogRestored(int terminals, int window);

    [LoggerMessage(EventId = 271, Level = LogLevel.Warning, Message = "Recovery after the restore: {Found} holds brought back on {Terminals} terminals; {Days} earlier days only the settlement statement can show")]
    private partial void LogRecovered(int found, int terminals, int days);

    [LoggerMessage(EventId = 272, Level = LogLevel.Error, Message = "Recovery after the restore failed; it runs again at the next start")]
    private partial void LogFailed(Exception exception);
}
