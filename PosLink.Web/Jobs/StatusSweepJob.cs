using Hangfire;
using Microsoft.Extensions.Options;
using PosLink.Domain.Guarantees;

namespace PosLink.Web.Jobs;

/// <summary>Every minute: settles in-flight holds and abandoned operations by status query, a batch at a time.</summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class StatusSweepJob(GuaranteeSweeps sweeps, JobGate gate, IOptionsMonitor<JobOptions> options, ILogger<StatusSweepJob> logger)
{
    public const string Id = "status-sweep";

    [DisableConcurrentExecution(timeoutInSeconds: 5)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var entered = gate.TryEnter(Id);
        if (entered is null)
        {
            LogSkipped();
            return;
        }
        var settings = options.CurrentValue;
        int abandoned = 0, checkedHolds = 0, settled = 0, attention = 0, batches = 0;
        ReconcileSummary pass;
        do
        {
            pass = await sweeps.SettleDueAsync(settings.StatusSweepBatchSize, settings.MaxConcurrentGatewayCalls, cancellationToken);
            abandoned += pass.AbandonedOperations;
            checkedHolds += pass.Checked;
            settled += pass.Settled;
            attention = pass.NeedingAttention;
            batches++;
        }
        // A full batch means more may be due; the cap leaves the rest to the next tick.
        while (pass.Checked == settings.StatusSweepBatchSize && batches < settings.StatusSweepMaxBatches && !cancellationToken.IsCancellationRequested);
        LogSummary(checkedHolds, settled, abandoned, attention, batches);
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Information,
        Message = "Job status-sweep: checked {Checked} holds, settled {Settled}, adopted {Abandoned} abandoned operations, {Attention} need attention ({Batches} batches)")]
    private partial void LogSummary(int @checked, int settled, int abandoned, int attention, int batches);

    [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "Job status-sweep: skipped, the previous run is still in flight")]
    private partial void LogSkipped();
}
