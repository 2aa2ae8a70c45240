using Microsoft.EntityFrameworkCore;
using PosLink.Domain.Persistence;
using PosLink.Domain.Staff;
using PosLink.Domain.Time;

namespace PosLink.Domain.Audit;

public sealed record AuditFilter(string? Action = null, string? ActorUserId = null, string? ObjectType = null, string? ObjectId = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>The audit log for admins: newest first, filtered, paged by id (entries are append-only, so ids order them).</summary>
public sealed class AuditQueries(IDbContextFactory<PosLinkDbContext> contexts)
{
    public async Task<IReadOnlyList<AuditRow>> ListAsync(Actor actor, AuditFilter filter, int pageSize = 50, long? beforeId = null, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAdmin)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            q = q.Where(a => a.Action == filter.Action);
        }
        if (!string.IsNullOrWhiteSpace(filter.ActorUserId))
        {
            q = q.Where(a => a.ActorUserId == filter.ActorUserId);
        }
        if (!string.IsNullOrWhiteSpace(filter.ObjectType))
        {
            q = q.Where(a => a.ObjectType == filter.ObjectType);
        }
        if (!string.IsNullOrWhiteSpace(filter.ObjectId))
        {
            q = q.Where(a => a.ObjectId == filter.ObjectId.Trim());
        }
        if (filter.From is { } from)
        {
            var start = ChinaTime.StartOf(from);
            q = q.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = ChinaTime.StartOf(to.AddDays(1));
            q = q.Where(a => a.At < end);
        }
        if (beforeId is { } before)
        {
            q = q.Where(a => a.Id < before);
        }
        return await q.OrderByDescending(a => a.Id).Take(Math.Clamp(pageSize, 1, 200)).Select(AuditRow.From).ToListAsync(cancellationToken);
    }
}
