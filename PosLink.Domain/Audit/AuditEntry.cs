namespace PosLink.Domain.Audit;

/// <summary>
/// Who did what to which object, when and from where, with the object before and after (as JSON). Append-only:
/// nothing in the app updates or deletes an entry.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string ActorUserId { get; init; }
    public required string ActorName { get; init; }
    public string? Origin { get; init; }

    /// <summary>A stable action name, e.g. <c>guarantee.complete</c>.</summary>
    public required string Action { get; init; }
    public required string ObjectType { get; init; }
    public required string ObjectId { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
}
