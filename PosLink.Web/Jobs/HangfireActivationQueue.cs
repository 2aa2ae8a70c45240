using Hangfire;
using PosLink.Domain.Terminals;

namespace PosLink.Web.Jobs;

/// <summary>Queues a terminal's activation as a Hangfire job (called after the registration is committed).</summary>
public sealed class HangfireActivationQueue(IBackgroundJobClient jobs) : IActivationQueue
{
    public void Enqueue(int terminalId) =>
        jobs.Enqueue<TerminalActivationJob>(job => job.ActivateAsync(terminalId, CancellationToken.None));
}
