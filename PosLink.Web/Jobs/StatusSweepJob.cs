using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Options;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Telemetry;

namespace PosLink.Web.Jobs;

/// <summary>
/// Every minute: settles in-flight holds and abandoned operations by status query, a batch at a time. The tick runs
/// once across the cluster and hands the sweep to every live node (its own queue); the nodes' sweeps claim their
/// batches (<see cref="GuaranteeSweeps"/>), so the work is shared and each due hold is queried once per tick.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class StatusSweepJob(
    GuaranteeSweeps sweeps,
    GuaranteeService guarantees,
    JobGate gate,
    JobStorage storage,
    IBackgroundJobClient jobs,
    IOptionsMonitor<JobOptions> options,
    SweepFigures figures,
    ILogger<StatusSweepJob> logger)
{
    public const string Id = "status-sweep";

    /// <summary>A node whose Hangfire server's heartbeat is this far behind the freshest is taken for dead, and given no sweep.</summary>
    private static readonly TimeSpan SilentFor = TimeSpan.FromMinutes(2);

    /// <summary>The recurring tick: one sweep per live node, each on that node's own queue.</summary>
    public void Tick()
    {
        // Heartbeats are Hangfire's own wall-clock stamps: a node is taken for dead when it is far behind the freshest
        // one (this node's among them, since it runs the tick), so no clock is read here.
        var servers = storage.GetMonitoringApi().Servers();
        var freshest = servers.Max(s => s.Heartbeat);
        var queues = servers
            .Where(s => s.Heartbeat is null || freshest is null || s.Heartbeat >= freshest - SilentFor)
            .SelectMany(s => s.Queues)
            .Where(q => q.StartsWith(JobNode.QueuePrefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var queue in queues)
        {
            jobs.Create<StatusSweepJob>(job => job.RunAsync(CancellationToken.None), new EnqueuedState(queue));
        }
        LogTicked(queues.Count);
    }

    /// <summary>This node's sweep: batches of due holds until none is left or the cap is reached.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var entered = gate.TryEnter(Id);
        if (entered is null)
        {
            figures.Skipped();
            LogSkipped();
            return;
        }
        using var span = PosLinkTelemetry.StartAction("job " + Id);
        figures.Started();
        var settings = options.CurrentValue;
        // A full batch means more may be due; the cap leaves the rest to the next tick.
        var run = await sweeps.SweepAsync(settings.StatusSweepBatchSize, settings.StatusSweepMaxBatches, settings.MaxConcurrentGatewayCalls,
            figures.Batch, cancellationToken);
        figures.Finished(run.Checked, run.Batches);
        // A rollover whose new hold was settled held by query: its old hold is voided now.
        var rolledOver = await guarantees.FinishRolloversAsync(cancellationToken);
        LogSummary(run.Checked, run.Settled, run.AbandonedOperations, run.NeedingAttention, run.Batches, rolledOver);
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Information,
        Message = "Job status-sweep: checked {Checked} holds, settled {Settled}, adopted {Abandoned} abandoned operations, {Attention} need attention ({Batches} batches), finished {RolledOver} rollovers")]
    private partial void LogSummary(int @checked, int settled, int abandoned, int attention, int batches, int rolledOver);

    [LoggerMessage(EventId = 212, Level = LogLevel.Debug, Message = "Job status-sweep: tick handed to {Nodes} nodes")]
    private partial void LogTicked(int nodes);

    [LoggerMessage(EventId = 211, Level = LogLevel.Information, Message = "Job status-sweep: skipped, the previous run is still in flight")]
    private partial void LogSkipped();
}
