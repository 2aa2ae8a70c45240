using Hangfire;
using PosLink.Domain.Guarantees.Bulk;
using PosLink.Domain.Telemetry;

namespace PosLink.Web.Jobs;

/// <summary>
/// Runs a bulk complete or void in the background, so it survives the tab that started it. Not retried by Hangfire:
/// the recurring resume finds a run whose job died and runs its queued items again, each still claimed once.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class BulkRunJob(BulkRunner runner, JobGate gate, ILogger<BulkRunJob> logger)
{
    public const string ResumeId = "bulk-resume";

    public Task RunAsync(long runId, CancellationToken cancellationToken) => runner.RunAsync(runId, cancellationToken);

    [DisableConcurrentExecution(timeoutInSeconds: 5)]
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        using var span = PosLinkTelemetry.StartAction("job " + ResumeId);
        using var entered = gate.TryEnter(ResumeId);
        if (entered is null)
        {
            return;
        }
        var resumed = await runner.ResumeUnfinishedAsync(cancellationToken);
        if (resumed > 0)
        {
            LogResumed(resumed);
        }
    }

    [LoggerMessage(EventId = 240, Level = LogLevel.Warning, Message = "Job bulk-resume: ran {Count} unfinished bulk runs again")]
    private partial void LogResumed(int count);
}

/// <summary>Queues a recorded bulk run as a Hangfire job (called after the run is committed).</summary>
public sealed class HangfireBulkQueue(IBackgroundJobClient jobs) : IBulkQueue
{
    public void Enqueue(long bulkRunId) => jobs.Enqueue<BulkRunJob>(job => job.RunAsync(bulkRunId, CancellationToken.None));
}
