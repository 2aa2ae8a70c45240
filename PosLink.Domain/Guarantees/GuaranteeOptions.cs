namespace PosLink.Domain.Guarantees;

/// <summary>
/// Settings under <c>PosLink:Guarantees</c>: the rules the spec leaves open, decided here and shown to users.
/// </summary>
public sealed class GuaranteeOptions
{
    public const string Section = "PosLink:Guarantees";

    /// <summary>The largest hold one may take, in fen (default ¥100,000.00).</summary>
    public long MaxAmountFen { get; set; } = 10_000_000;

    /// <summary>How long a hold lives before the platform releases it (by analogy with ChinaUMS's online guarantees).</summary>
    public int LifetimeDays { get; set; } = 30;

    /// <summary>After this long unresolved, an in-flight hold is flagged for a person.</summary>
    public int AttentionAfterHours { get; set; } = 24;

    /// <summary>
    /// Waits between status queries of an unknown hold: about 5 s, 30 s, 1 min, 5 min, then the last one
    /// (15 min) for as long as it takes.
    /// </summary>
    public int[] QueryBackoffSeconds { get; set; } = [5, 30, 60, 300, 900];

    /// <summary>
    /// How long after recording an operation may still be waiting for its answer. A Pending operation older than
    /// the gateway timeout plus this was abandoned (the process stopped) and is settled by a query.
    /// </summary>
    public int AbandonedAfterExtraSeconds { get; set; } = 30;

    /// <summary>How many holds one bulk complete or void may take ("select all that match" stops here).</summary>
    public int BulkLimit { get; set; } = 200;

    /// <summary>How many of a bulk run's requests may be out at the gateway at once.</summary>
    public int BulkMaxInFlight { get; set; } = 4;

    /// <summary>
    /// Maker–checker: a store manager's completion or void of more than this many fen waits for a second person's
    /// approval instead of being sent (null, the default: off). Admins' own actions are sent directly.
    /// </summary>
    public long? SecondApprovalAboveFen { get; set; }

    /// <summary>How long a request waits for its approval before it lapses (and the hold is free again).</summary>
    public int SecondApprovalHours { get; set; } = 24;

    /// <summary>Whether <paramref name="actor"/>'s completion or void of <paramref name="amountFen"/> needs a second person.</summary>
    public bool NeedsSecondApproval(Staff.Actor actor, long amountFen) =>
        SecondApprovalAboveFen is { } above && amountFen > above && !actor.IsAdmin;

    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(QueryBackoffSeconds[Math.Clamp(attempt, 0, QueryBackoffSeconds.Length - 1)]);
}
