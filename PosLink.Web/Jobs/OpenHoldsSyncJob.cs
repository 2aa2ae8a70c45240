using Hangfire;
using Microsoft.Extensions.Options;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Telemetry;

namespace PosLink.Web.Jobs;

/// <summary>Nightly: queries every held hold to catch completions or voids made elsewhere, and expiries.</summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class OpenHoldsSyncJob(GuaranteeSweeps sweeps, JobGate gate, IOptionsMonitor<JobOptions> options, ILogger<OpenHoldsSyncJob> logger)
{
    public const string Id = "open-holds-sync";

    [DisableConcurrentExecution(timeoutInSeconds: 5)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var span = PosLinkTelemetry.StartAction("job open-holds-sync");
        using var entered = gate.TryEnter(Id);
        if (entered is null)
        {
            LogSkipped();
            return;
        }
        var settings = options.CurrentValue;
        var olderThan = TimeSpan.FromHours(settings.OpenHoldsSyncAfterHours);
        var total = 0;
        int synced;
        do
        {
            // Each pass takes holds not checked recently; those just checked drop out, so the loop ends.
            synced = await sweeps.SyncHeldAsync(olderThan, batchSize: 500, settings.MaxConcurrentGatewayCalls, cancellationToken);
            total += synced;
        }
        while (synced > 0 && !cancellationToken.IsCancellationRequested);
        LogSummary(total);
    }

    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "Job open-holds-sync: queried {Count} held holds")]
    private partial void LogSummary(int count);

    [LoggerMessage(EventId = 221, Level = LogLevel.Information, Message = "Job open-holds-sync: skipped, the previous run is still in flight")]
    private partial void LogSkipped();
}
