namespace PosLink.Domain.Guarantees.Bulk;

/// <summary>What a bulk run does to every hold in it: complete each at its held amount, or void each with one reason.</summary>
public enum BulkKind
{
    Complete,
    Void,
}

/// <summary>
/// One person's selection of held holds, completed or voided in the background (<see cref="BulkRunner"/>). It is
/// recorded whole before anything is sent, so closing the tab, a restart or a second node changes nothing: the
/// runner claims each item once, and each hold's own command refuses a second request.
/// </summary>
public sealed class BulkRun
{
    private BulkRun()
    {
    }

    public long Id { get; private set; }
    public BulkKind Kind { get; private set; }

    /// <summary>The void's reason, kept with each hold's audit entry too.</summary>
    public string? Reason { get; private set; }

    public string CreatedByUserId { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the last item was sent and answered (or skipped); null while the run works.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>When the person who started it saw it finished: its notification goes then.</summary>
    public DateTimeOffset? SeenAt { get; private set; }

    public List<BulkItem> Items { get; private set; } = [];

    public static BulkRun Start(BulkKind kind, string? reason, Staff.Actor actor, IEnumerable<Guarantee> holds, DateTimeOffset now)
    {
        var run = new BulkRun { Kind = kind, Reason = reason, CreatedByUserId = actor.UserId, CreatedByName = actor.Name, CreatedAt = now };
        run.Items.AddRange(holds.Select(BulkItem.For));
        return run;
    }
}
