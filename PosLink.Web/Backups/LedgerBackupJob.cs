using Hangfire;
using PosLink.Domain.Staff;
using PosLink.Domain.Telemetry;
using PosLink.Web.Jobs;

namespace PosLink.Web.Backups;

/// <summary>The nightly copy of the SQLite ledger. Not retried: a failed night is seen on the dashboard, and the next night copies anew.</summary>
[AutomaticRetry(Attempts = 0)]
public sealed partial class LedgerBackupJob(LedgerBackups backups, JobGate gate, ILogger<LedgerBackupJob> logger)
{
    public const string Id = "ledger-backup";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var entered = gate.TryEnter(Id);
        if (entered is null || !backups.Supported)
        {
            return;
        }
        using var span = PosLinkTelemetry.StartAction("job " + Id);
        var copy = await backups.BackUpAsync(Actor.System, cancellationToken);
        LogCopied(copy.FileName, copy.Bytes);
    }

    [LoggerMessage(EventId = 260, Level = LogLevel.Information, Message = "Job ledger-backup: wrote {FileName} ({Bytes} bytes)")]
    private partial void LogCopied(string fileName, long bytes);
}
