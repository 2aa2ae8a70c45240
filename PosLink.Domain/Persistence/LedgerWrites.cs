namespace PosLink.Domain.Persistence;

/// <summary>
/// Marks writes no one is waiting for (a status sweep), so that on SQLite a person's write goes first when both wait
/// for the file (<see cref="SqliteWriteGate"/>). It flows to the work the marked code starts, and ends with it.
/// </summary>
public static class LedgerWrites
{
    private static readonly AsyncLocal<bool> Marked = new();

    internal static bool InBackgroundNow => Marked.Value;

    /// <summary>From here to the end of the calling method (and in what it starts), writes are background work.</summary>
    public static void InBackground() => Marked.Value = true;
}
