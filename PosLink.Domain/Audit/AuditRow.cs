namespace PosLink.Domain.Audit;

/// <summary>An audit entry as a page shows it.</summary>
public sealed record AuditRow(long Id, DateTimeOffset At, string ActorName, string? Origin, string Action, string ObjectType, string ObjectId, string? Before, string? After)
{
    public static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditRow>> From = a =>
        new AuditRow(a.Id, a.At, a.ActorName, a.Origin, a.Action, a.ObjectType, a.ObjectId, a.Before, a.After);
}
