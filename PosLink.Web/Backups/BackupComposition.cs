using Hangfire;
using Microsoft.Extensions.Options;
using PosLink.Domain.Guarantees.Recovery;
using PosLink.Domain.Staff;
using PosLink.Web.Jobs;

namespace PosLink.Web.Backups;

/// <summary>Backups of the SQLite ledger (a nightly job and a command) and the recovery a restored ledger needs at start.</summary>
public static class BackupComposition
{
    /// <summary>The commands README names: <c>backup</c> copies the ledger now; <c>restored</c> marks a ledger restored by other means.</summary>
    public static readonly string[] Commands = ["backup", "restored"];

    public static IServiceCollection AddPosLinkBackups(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection(BackupOptions.Section))
            .Validate(o => o.Keep > 0 && !string.IsNullOrWhiteSpace(o.Folder), $"{BackupOptions.Section}: Keep must be positive and Folder set.")
            .ValidateOnStart();
        services.AddSingleton<LedgerBackups>();
        services.AddTransient<LedgerBackupJob>();
        services.AddSingleton<RestoreRecovery>();
        services.AddHostedService<BackupSchedule>();
        return services;
    }

    /// <summary>Runs a command against the configured ledger and returns the process's exit code.</summary>
    public static async Task<int> RunCommandAsync(WebApplication app, string command)
    {
        if (command == "restored")
        {
            await app.Services.GetRequiredService<RestoredLedger>().MarkRestoredAsync();
            Console.WriteLine("The ledger is marked as restored: the next start moves the trace counters on and searches the platform for later holds.");
            return 0;
        }
        var backups = app.Services.GetRequiredService<LedgerBackups>();
        if (!backups.Supported)
        {
            Console.Error.WriteLine("PosLink copies the embedded SQLite ledger only; on PostgreSQL use pg_dump or point-in-time recovery (README, Backups).");
            return 2;
        }
        var copy = await backups.BackUpAsync(Actor.System);
        Console.WriteLine(Path.Combine(backups.Folder, copy.FileName));
        return 0;
    }

    /// <summary>The nightly copy on SQLite, when recurring jobs are on; PostgreSQL has none (its operator's tools do it).</summary>
    private sealed class BackupSchedule(IRecurringJobManager recurring, LedgerBackups backups, IOptions<BackupOptions> options, IOptions<JobOptions> jobs) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (jobs.Value.Recurring && backups.Supported)
            {
                recurring.AddOrUpdate<LedgerBackupJob>(LedgerBackupJob.Id, job => job.RunAsync(CancellationToken.None), options.Value.Cron,
                    new RecurringJobOptions { TimeZone = JobComposition.ChinaZone });
            }
            else
            {
                recurring.RemoveIfExists(LedgerBackupJob.Id);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
