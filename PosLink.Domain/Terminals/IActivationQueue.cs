namespace PosLink.Domain.Terminals;

/// <summary>
/// Asks for a terminal to be activated soon, in the background. The web app queues a Hangfire job; without one
/// (a console, a test) nothing is queued and the periodic activation sweep still finds the terminal.
/// </summary>
public interface IActivationQueue
{
    void Enqueue(int terminalId);
}

/// <summary>Queues nothing: the activation sweep will pick the terminal up.</summary>
public sealed class NoActivationQueue : IActivationQueue
{
    public void Enqueue(int terminalId)
    {
    }
}
