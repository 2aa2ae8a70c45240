using Hangfire;
using Microsoft.Extensions.Options;
using PosLink.Domain.Guarantees;
using PosLink.Domain.Telemetry;

namespace PosLink.Web.Jobs;

/// <summary>Daily: flags held holds that expire within the warning window, so dashboards show them.</summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class ExpiryWarningsJob(GuaranteeSweeps sweeps, JobGate gate, IOptionsMonitor<JobOptions> options, ILogger<ExpiryWarningsJob> logger)
{
    public const string Id = "expiry-warnings";

    [DisableConcurrentExecution(timeoutInSeconds: 5)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var span = PosLinkTelemetry.StartAction("job expiry-warnings");
        using var entered = gate.TryEnter(Id);
        if (entered is null)
        {
            return;
        }
        var days = options.CurrentValue.ExpiryWarningDays;
        var flagged = await sweeps.MarkExpiringSoonAsync(TimeSpan.FromDays(days), cancellationToken);
        LogSummary(flagged, days);
    }

    [LoggerMessage(EventId = 230, Level = LogLevel.Information, Message = "Job expiry-warnings: {Count} held holds expire within {Days} days")]
    private partial void LogSummary(int count, int days);
}
