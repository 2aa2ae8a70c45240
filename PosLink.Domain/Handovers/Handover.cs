namespace PosLink.Domain.Handovers;

/// <summary>
/// A shift handed over (交班) in a store: who handed over to whom, the shift it covers, and what was still open at its
/// end (so the next handover can say how that changed).
/// </summary>
public sealed class Handover
{
    private Handover()
    {
    }

    public long Id { get; private set; }
    public int StoreId { get; private set; }
    public DateTimeOffset From { get; private set; }
    public DateTimeOffset To { get; private set; }
    public string OutgoingUserId { get; private set; } = "";
    public string OutgoingName { get; private set; } = "";
    public string IncomingUserId { get; private set; } = "";
    public string IncomingName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Holds still open when the shift ended, and their held total.</summary>
    public int OpenCount { get; private set; }
    public long OpenFen { get; private set; }

    public static Handover Record(int storeId, DateTimeOffset from, DateTimeOffset to, Staff.Actor outgoing, string incomingUserId, string incomingName,
        int openCount, long openFen, DateTimeOffset now) => new()
        {
            StoreId = storeId,
            From = from,
            To = to,
            OutgoingUserId = outgoing.UserId,
            OutgoingName = outgoing.Name,
            IncomingUserId = incomingUserId,
            IncomingName = incomingName,
            CreatedAt = now,
            OpenCount = openCount,
            OpenFen = openFen,
        };
}
