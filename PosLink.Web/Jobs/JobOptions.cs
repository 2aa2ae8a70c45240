namespace PosLink.Web.Jobs;

/// <summary>Settings under <c>PosLink:Jobs</c>. Cron expressions are read in China time.</summary>
public sealed class JobOptions
{
    public const string Section = "PosLink:Jobs";

    /// <summary>Whether recurring jobs are scheduled (the Hangfire server runs regardless, for queued work).</summary>
    public bool Recurring { get; set; } = true;

    public string TerminalActivationCron { get; set; } = "* * * * *";
    public string StatusSweepCron { get; set; } = "* * * * *";
    public string OpenHoldsSyncCron { get; set; } = "0 2 * * *";
    public string ExpiryWarningsCron { get; set; } = "0 7 * * *";

    /// <summary>Yesterday's settlement date against the gateway: after the open-holds sync, before finance starts the day.</summary>
    public string ReconciliationCron { get; set; } = "0 3 * * *";

    /// <summary>Runs again the bulk runs whose job stopped (a node restarted mid-run).</summary>
    public string BulkResumeCron { get; set; } = "*/5 * * * *";

    /// <summary>Posts webhook deliveries due for a retry, or written by another node (this node's own go at once).</summary>
    public string WebhooksCron { get; set; } = "* * * * *";

    /// <summary>
    /// This node's name among several sharing one Hangfire store (its server name and own queue); the machine's name
    /// when empty. Nodes on one machine need names of their own.
    /// </summary>
    public string? NodeName { get; set; }

    /// <summary>How many due holds one reconciler pass takes.</summary>
    public int StatusSweepBatchSize { get; set; } = 100;

    /// <summary>The most batches one status-sweep run works through before leaving the rest to the next tick.</summary>
    public int StatusSweepMaxBatches { get; set; } = 20;

    /// <summary>
    /// The most gateway calls a sweep has in flight at once. A status query only reads; 16 keep a batch of 100 to
    /// seven round trips of the platform's latency without pressing it hard.
    /// </summary>
    public int MaxConcurrentGatewayCalls { get; set; } = 16;

    /// <summary>Holds whose lifetime ends within this many days are flagged as expiring soon.</summary>
    public int ExpiryWarningDays { get; set; } = 3;

    /// <summary>The nightly sync queries held holds not checked within this many hours.</summary>
    public int OpenHoldsSyncAfterHours { get; set; } = 12;
}
