using Hangfire;
using PosLink.Domain.Telemetry;
using PosLink.Domain.Webhooks;

namespace PosLink.Web.Jobs;

/// <summary>
/// Posts the webhook outbox: every minute (deliveries due for a retry, or written by another node), and at once when
/// this node commits new events (<see cref="WebhookNudge"/>). Not retried by Hangfire: the dispatcher keeps its own
/// schedule per delivery, and the next run takes up whatever is due.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class WebhookJob(WebhookDispatcher dispatcher, WebhookNudge nudge, JobGate gate, ILogger<WebhookJob> logger)
{
    public const string Id = "webhooks";

    [DisableConcurrentExecution(timeoutInSeconds: 5)]
    public async Task DeliverAsync(CancellationToken cancellationToken)
    {
        using var span = PosLinkTelemetry.StartAction("job " + Id);
        using var entered = gate.TryEnter(Id);
        if (entered is null)
        {
            return;
        }
        // Events committed from here on need another run: this one may already have read past them.
        nudge.Started();
        var delivered = await dispatcher.DeliverDueAsync(cancellationToken);
        if (delivered > 0)
        {
            LogDelivered(delivered);
        }
    }

    [LoggerMessage(EventId = 250, Level = LogLevel.Information, Message = "Job webhooks: {Count} events delivered")]
    private partial void LogDelivered(int count);
}

/// <summary>
/// Queues one webhook run when this node commits outbox rows, and no more until that run starts: a sweep that
/// settles a hundred holds queues one run, not a hundred.
/// </summary>
public sealed class WebhookNudge : IHostedService
{
    private readonly IBackgroundJobClient _jobs;
    private int _queued;

    public WebhookNudge(IBackgroundJobClient jobs) => _jobs = jobs;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        WebhookOutbox.Written += Written;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        WebhookOutbox.Written -= Written;
        return Task.CompletedTask;
    }

    public void Started() => Interlocked.Exchange(ref _queued, 0);

    private void Written()
    {
        if (Interlocked.Exchange(ref _queued, 1) == 0)
        {
            _jobs.Enqueue<WebhookJob>(job => job.DeliverAsync(CancellationToken.None));
        }
    }
}
