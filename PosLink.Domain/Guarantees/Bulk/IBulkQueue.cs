namespace PosLink.Domain.Guarantees.Bulk;

/// <summary>
/// Runs a recorded bulk run in the background. The web app queues a Hangfire job; without one (a console) the run
/// waits for the sweep that resumes unfinished runs (<see cref="BulkRunner.ResumeUnfinishedAsync"/>).
/// </summary>
public interface IBulkQueue
{
    void Enqueue(long bulkRunId);
}

public sealed class NoBulkQueue : IBulkQueue
{
    public void Enqueue(long bulkRunId)
    {
    }
}
