using Hangfire;
using Hangfire.Storage;

namespace PosLink.Web.Jobs;

/// <summary>One recurring job as the admin dashboard shows it.</summary>
public sealed record JobStatus(string Id, string Cron, DateTime? LastRunUtc, string? LastState, DateTime? NextRunUtc, string? Error);

/// <summary>Reads the recurring jobs' last and next runs from Hangfire's storage, for the admin dashboard.</summary>
public sealed class JobHealth(JobStorage storage)
{
    public IReadOnlyList<JobStatus> Recurring()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs()
            .OrderBy(j => j.Id, StringComparer.Ordinal)
            .Select(j => new JobStatus(j.Id, j.Cron, j.LastExecution, j.LastJobState, j.NextExecution, j.Error))
            .ToList();
    }
}
