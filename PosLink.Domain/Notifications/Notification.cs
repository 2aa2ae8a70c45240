namespace PosLink.Domain.Notifications;

/// <summary>What a notification is about; the web app words each kind and links it to what it points to.</summary>
public enum NotificationKind
{
    /// <summary>A held hold expires within a day: complete, void or roll it over now.</summary>
    HoldExpiresWithinDay,

    /// <summary>A held hold expires within the warning window.</summary>
    HoldExpiresSoon,

    /// <summary>A hold PosLink cannot settle by itself.</summary>
    HoldNeedsAttention,

    /// <summary>A completion or void waits for my approval (another manager of my store asked; admins see every store's).</summary>
    ApprovalWaiting,

    /// <summary>One of my bulk runs is working (its progress).</summary>
    BulkRunWorking,

    /// <summary>One of my bulk runs finished and I have not looked at it yet.</summary>
    BulkRunFinished,

    /// <summary>A reconciliation difference is open (finance and admins).</summary>
    DifferenceOpen,

    /// <summary>A terminal's activation is failing (admins).</summary>
    TerminalActivationFailed,
}

/// <summary>
/// One thing a person should look at, read from the ledger as it is now: it is gone as soon as what it points to is
/// resolved, with nothing to dismiss or keep in step. <see cref="SubjectId"/> is the hold, run, difference or terminal.
/// </summary>
public sealed record Notification(NotificationKind Kind, long SubjectId, string Subject, long? AmountFen, DateTimeOffset At, int? Done = null, int? Of = null);

/// <summary>A person's notifications, the most pressing first (at most a few of each kind), and how many there are in all.</summary>
public sealed record NotificationList(IReadOnlyList<Notification> Items, int Count)
{
    public static readonly NotificationList None = new([], 0);
}
