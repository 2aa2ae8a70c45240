using Hangfire;
using Microsoft.Extensions.Options;
using PosLink.Domain.Finance;
using PosLink.Domain.Staff;
using PosLink.Domain.Telemetry;
using PosLink.Domain.Time;

namespace PosLink.Web.Jobs;

/// <summary>
/// Nightly, after the open-holds sync: reconciles yesterday's settlement date (China) with the gateway, so that
/// finance starts the day with its differences listed. A date already being checked (a person started it) is left alone.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class ReconciliationJob(ReconciliationService reconciliation, JobGate gate, TimeProvider time, IOptionsMonitor<JobOptions> options,
    ILogger<ReconciliationJob> logger)
{
    public const string Id = "reconciliation";

    [DisableConcurrentExecution(timeoutInSeconds: 5)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var span = PosLinkTelemetry.StartAction("job reconciliation");
        using var entered = gate.TryEnter(Id);
        if (entered is null)
        {
            return;
        }
        var yesterday = ChinaTime.TradeDate(time.GetUtcNow()).AddDays(-1);
        var run = await reconciliation.RunAsync(Actor.System, yesterday, options.CurrentValue.MaxConcurrentGatewayCalls, cancellationToken);
        if (!run.Succeeded)
        {
            LogSkipped(yesterday, run.Problem.Code);
        }
    }

    [LoggerMessage(EventId = 240, Level = LogLevel.Information, Message = "Job reconciliation: {SettlementDate} skipped ({Reason})")]
    private partial void LogSkipped(DateOnly settlementDate, string reason);
}
