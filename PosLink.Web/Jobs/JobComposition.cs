using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PosLink.Domain.Persistence;
using PosLink.Domain.Terminals;
using PosLink.Web.Identity;

namespace PosLink.Web.Jobs;

/// <summary>
/// Hangfire in the web process. The database is the ledger and Hangfire only the clock, so on one SQLite node its
/// storage is in memory: every tick rebuilds its work from the database, and a restart loses nothing. On PostgreSQL
/// the nodes share Hangfire.PostgreSql storage.
/// </summary>
public static class JobComposition
{
    public const string DashboardPath = "/admin/jobs";

    public static IServiceCollection AddPosLinkJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.Section))
            .Validate(o => o.StatusSweepBatchSize > 0 && o.StatusSweepMaxBatches > 0 && o.MaxConcurrentGatewayCalls > 0 && o.ExpiryWarningDays > 0 && o.OpenHoldsSyncAfterHours >= 0,
                $"{JobOptions.Section}: batch sizes, concurrency and days must be positive.")
            .ValidateOnStart();
        // This host's own storage, registered before Hangfire's: Hangfire would otherwise resolve the process-wide
        // JobStorage.Current, which another host in the same process (a test host) may have replaced.
        // On PostgreSQL several nodes share one Hangfire storage (its own schema beside the ledger), so a recurring job
        // runs once per tick across the cluster; its distributed locks keep a job from overlapping itself.
        services.AddSingleton<JobStorage>(sp => sp.GetRequiredService<PosLinkConnection>() is { Provider: DatabaseProvider.Postgres } ledger
            ? PostgresJobStorage(ledger.ConnectionString)
            : new Hangfire.InMemory.InMemoryStorage());
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogging(sp.GetRequiredService<ILoggerFactory>()))
            .UseDashboardLocale()
            .UseSweepMetrics()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<JobNode>();
        services.AddHangfireServer((sp, server) =>
        {
            var node = sp.GetRequiredService<JobNode>();
            server.ServerName = node.Name;
            server.Queues = [node.Queue, JobNode.SharedQueue];
            server.WorkerCount = Math.Max(4, Environment.ProcessorCount * 2);
            server.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            // Jobs re-check state and are safe to cut short: the next tick redoes the work.
            server.ShutdownTimeout = TimeSpan.FromSeconds(5);
        });
        services.AddSingleton<JobGate>();
        services.AddSingleton<JobHealth>();
        services.AddSingleton<SweepFigures>();
        services.Replace(ServiceDescriptor.Singleton<IActivationQueue, HangfireActivationQueue>());
        services.Replace(ServiceDescriptor.Singleton<PosLink.Domain.Guarantees.Bulk.IBulkQueue, HangfireBulkQueue>());
        services.AddTransient<BulkRunJob>();
        services.AddTransient<TerminalActivationJob>();
        services.AddTransient<StatusSweepJob>();
        services.AddTransient<OpenHoldsSyncJob>();
        services.AddTransient<ExpiryWarningsJob>();
        services.AddTransient<ReconciliationJob>();
        services.AddTransient<WebhookJob>();
        services.AddSingleton<WebhookNudge>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookNudge>());
        services.AddHostedService<RecurringJobSchedule>();
        return services;
    }

    private static PostgreSqlStorage PostgresJobStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            // A job that outlives the invisibility window is not handed to another node while its worker still runs.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
            QueuePollInterval = TimeSpan.FromSeconds(5),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>The dashboard, for admins only; anyone else gets the app's own sign-in or forbidden page.</summary>
    public static IEndpointRouteBuilder MapPosLinkJobDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            // Authorization is the endpoint's policy below; Hangfire's own filter (local requests only) would add nothing.
            Authorization = Array.Empty<IDashboardAuthorizationFilter>(),
            AppPath = "/",
            // One title for every language: the dashboard's own words follow the request culture (Hangfire ships Chinese).
            DashboardTitle = "PosLink",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Policies.Admin);
        return endpoints;
    }

    private static int _dashboardLocaleAdded;

    /// <summary>
    /// Chinese dates on the dashboard (dashboard-locale.js). Hangfire keeps its scripts in a static list that does
    /// not skip a repeat, and the tests build several hosts in one process: the script is added once.
    /// </summary>
    private static IGlobalConfiguration UseDashboardLocale(this IGlobalConfiguration config) =>
        Interlocked.Exchange(ref _dashboardLocaleAdded, 1) == 0
            ? config.UseDashboardJavaScript(typeof(JobComposition).Assembly, "PosLink.Web.Jobs.dashboard-locale.js")
            : config;

    private static int _sweepMetricsAdded;

    /// <summary>
    /// The status sweep's figures on the dashboard's home page, from the serving host's <see cref="SweepFigures"/> (what
    /// /metrics reads), in the request's language: the words are in the figure, since a metric's title is fixed when
    /// added. Added once, Hangfire's list being static too.
    /// </summary>
    private static IGlobalConfiguration UseSweepMetrics(this IGlobalConfiguration config)
    {
        if (Interlocked.Exchange(ref _sweepMetricsAdded, 1) != 0)
        {
            return config;
        }
        static SweepSnapshot Sweep(RazorPage page) => page.Context.GetHttpContext().RequestServices.GetRequiredService<SweepFigures>().Now();
        return config.UseDashboardMetrics(
            new DashboardMetric("poslink-sweep-runs", "", page => new Metric(Resources.L.SweepRunsMetric(Sweep(page).Runs))),
            new DashboardMetric("poslink-sweep-last-checked", "", page => new Metric(Resources.L.SweepCheckedMetric(Sweep(page).LastChecked))),
            new DashboardMetric("poslink-sweep-lateness", "", page => Sweep(page).Lateness switch
            {
                null => new Metric(Resources.L.SweepUnscheduled),
                { Ticks: 0 } => new Metric(Resources.L.SweepOnTime) { Style = MetricStyle.Success },
                { } late => new Metric(Resources.L.SweepLate((long)late.TotalSeconds)) { Style = late > TimeSpan.FromMinutes(2) ? MetricStyle.Danger : MetricStyle.Warning, Highlighted = late > TimeSpan.FromMinutes(2) },
            }));
    }

    /// <summary>China time for cron: Asia/Shanghai from the system's zone data, or a fixed UTC+8 without it.</summary>
    public static TimeZoneInfo ChinaZone { get; } = FindChinaZone();

    private static TimeZoneInfo FindChinaZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }

    /// <summary>Registers the recurring jobs at start, with stable ids, through <see cref="IRecurringJobManager"/>.</summary>
    private sealed class RecurringJobSchedule(IRecurringJobManager recurring, IOptions<JobOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var settings = options.Value;
            if (!settings.Recurring)
            {
                foreach (var id in (string[])[TerminalActivationJob.SweepId, StatusSweepJob.Id, OpenHoldsSyncJob.Id, ExpiryWarningsJob.Id, ReconciliationJob.Id, BulkRunJob.ResumeId, WebhookJob.Id])
                {
                    recurring.RemoveIfExists(id);
                }
                return Task.CompletedTask;
            }
            var china = new RecurringJobOptions { TimeZone = ChinaZone };
            recurring.AddOrUpdate<TerminalActivationJob>(TerminalActivationJob.SweepId, job => job.SweepAsync(CancellationToken.None), settings.TerminalActivationCron, china);
            recurring.AddOrUpdate<StatusSweepJob>(StatusSweepJob.Id, job => job.Tick(), settings.StatusSweepCron, china);
            recurring.AddOrUpdate<OpenHoldsSyncJob>(OpenHoldsSyncJob.Id, job => job.RunAsync(CancellationToken.None), settings.OpenHoldsSyncCron, china);
            recurring.AddOrUpdate<ExpiryWarningsJob>(ExpiryWarningsJob.Id, job => job.RunAsync(CancellationToken.None), settings.ExpiryWarningsCron, china);
            recurring.AddOrUpdate<ReconciliationJob>(ReconciliationJob.Id, job => job.RunAsync(CancellationToken.None), settings.ReconciliationCron, china);
            recurring.AddOrUpdate<BulkRunJob>(BulkRunJob.ResumeId, job => job.ResumeAsync(CancellationToken.None), settings.BulkResumeCron, china);
            recurring.AddOrUpdate<WebhookJob>(WebhookJob.Id, job => job.DeliverAsync(CancellationToken.None), settings.WebhooksCron, china);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
