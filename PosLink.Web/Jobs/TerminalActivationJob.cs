using Hangfire;
using PosLink.Domain.Telemetry;
using PosLink.Domain.Terminals;

namespace PosLink.Web.Jobs;

/// <summary>Activates terminals (激活终端) so no one has to: one right after registration, and a sweep for any still inactive.</summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class TerminalActivationJob(TerminalService terminals, JobGate gate, ILogger<TerminalActivationJob> logger)
{
    public const string SweepId = "terminal-activation";

    /// <summary>Queued when a terminal is registered or re-enabled; the sweep is its retry.</summary>
    public async Task ActivateAsync(int terminalId, CancellationToken cancellationToken)
    {
        using var span = PosLinkTelemetry.StartAction("job terminal-activation");
        var activated = await terminals.ActivateIfNeededAsync(terminalId, cancellationToken);
        LogOne(terminalId, activated);
    }

    [DisableConcurrentExecution(timeoutInSeconds: 5)]
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        using var span = PosLinkTelemetry.StartAction("job terminal-activation-sweep");
        using var entered = gate.TryEnter(SweepId);
        if (entered is null)
        {
            LogSkipped(SweepId);
            return;
        }
        var (tried, activated) = await terminals.ActivateDueAsync(cancellationToken);
        LogSweep(tried, activated);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Job terminal-activation: terminal {TerminalId} activated: {Activated}")]
    private partial void LogOne(int terminalId, bool activated);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Job terminal-activation: tried {Tried} terminals, activated {Activated}")]
    private partial void LogSweep(int tried, int activated);

    [LoggerMessage(EventId = 299, Level = LogLevel.Information, Message = "Job {JobId}: skipped, the previous run is still in flight")]
    private partial void LogSkipped(string jobId);
}
